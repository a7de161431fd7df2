using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Tests.Metrics;

public class RateMeterTests
{
    [Fact]
    public void Rate_IsEventsOverAboutASecond()
    {
        var time = new ManualTime();
        var meter = new RateMeter(time);
        for (int i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(40));
            meter.Tick();
        }

        // 25 ticks reach the first full second (25 x 40 ms).
        Assert.Equal(25, meter.PerSecond, 6);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
