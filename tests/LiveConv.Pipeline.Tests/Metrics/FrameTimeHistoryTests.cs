using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Tests.Metrics;

public class FrameTimeHistoryTests
{
    [Fact]
    public void KeepsTheLastFramesOldestFirst_DisplayIsTheRestOfTheLatency()
    {
        var history = new FrameTimeHistory();
        var frame = new FramePool().Rent();
        for (int i = 0; i < FrameTimeHistory.Capacity + 5; i++)
        {
            frame.Times[Stage.Capture] = TimeSpan.FromMilliseconds(1);
            frame.Times[Stage.Engine] = TimeSpan.FromMilliseconds(i);
            frame.Times[Stage.Render] = TimeSpan.FromMilliseconds(2);
            history.Record(frame, latencyMs: i + 10);
        }

        var samples = new float[FrameTimeHistory.Capacity * 4];
        Assert.Equal(FrameTimeHistory.Capacity, history.CopyTo(samples));
        Assert.Equal([1f, 5f, 2f, 8f], samples[..4]);
        Assert.Equal([1f, FrameTimeHistory.Capacity + 4, 2f, 8f], samples[^4..]);
    }
}
