using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Sinks;

/// <summary>Where processed frames go: a video file, .npy dumps, snapshots. Dispose finalizes the output.</summary>
public interface IFrameSink : IDisposable
{
    /// <summary>Called once per frame, in order, from one thread.</summary>
    void Write(Frame frame);
}
