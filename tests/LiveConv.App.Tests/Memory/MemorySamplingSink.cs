using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;

namespace LiveConv.App.Tests.Memory;

/// <summary>A sink that samples <see cref="MemoryGrowth"/> every <paramref name="every"/> frames from frame <paramref name="from"/> on.</summary>
internal sealed class MemorySamplingSink(MemoryGrowth growth, long from, long every) : IFrameSink
{
    public void Write(Frame frame)
    {
        if (frame.Index >= from && (frame.Index - from) % every == 0)
        {
            growth.Sample(frame.Index);
        }
    }

    public void Dispose()
    {
    }
}
