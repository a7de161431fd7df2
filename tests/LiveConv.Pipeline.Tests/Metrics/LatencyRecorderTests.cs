using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Tests.Metrics;

public class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_OfOneToHundred()
    {
        var recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++)
        {
            recorder.Record(i);
        }

        Assert.Equal(50, recorder.RecentPercentile(50));
        Assert.Equal(99, recorder.RecentPercentile(99));
        Assert.Equal(50.05, recorder.Percentile(50), 3);
        Assert.Equal(99.05, recorder.Percentile(99), 3);
    }

    [Fact]
    public void Empty_IsZero()
    {
        var recorder = new LatencyRecorder();
        Assert.Equal(0, recorder.Percentile(99));
        Assert.Equal(0, recorder.RecentPercentile(50));
    }
}
