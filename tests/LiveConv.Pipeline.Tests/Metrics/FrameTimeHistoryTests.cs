using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Tests.Metrics;

public class FrameTimeHistoryTests
{
    [Fact]
    public void KeepsTheLastFramesOldestFirst_WaitIsWhatTheLatencyHoldsBesideTheMeasuredStages()
    {
        var history = new FrameTimeHistory();
        var frame = new FramePool().Rent();
        for (int i = 0; i < FrameTimeHistory.Capacity + 5; i++)
        {
            frame.Times[Stage.Capture] = TimeSpan.FromMilliseconds(1);
            frame.Times[Stage.Engine] = TimeSpan.FromMilliseconds(i);
            frame.Times[Stage.Render] = TimeSpan.FromMilliseconds(2);
            frame.Times[Stage.Display] = TimeSpan.FromMilliseconds(3);
            history.Record(frame, latencyMs: i + 10);
        }

        int stages = FrameTimeHistory.Stages.Count;
        var samples = new float[FrameTimeHistory.Capacity * stages];
        Assert.Equal(["capture", "engine", "render", "display", "wait"], FrameTimeHistory.Stages);
        Assert.Equal(FrameTimeHistory.Capacity, history.CopyTo(samples));
        // Latency i + 10 = engine i + render 2 + display 3 + wait 5; capture comes before the latency starts.
        Assert.Equal([1f, 5f, 2f, 3f, 5f], samples[..stages]);
        Assert.Equal([1f, FrameTimeHistory.Capacity + 4, 2f, 3f, 5f], samples[^stages..]);
    }
}
