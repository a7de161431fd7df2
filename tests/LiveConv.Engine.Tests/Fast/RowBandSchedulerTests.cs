using LiveConv.Engine.Fast;

namespace LiveConv.Engine.Tests.Fast;

public class RowBandSchedulerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(2, 1)]
    [InlineData(2, 37)]
    [InlineData(8, 3)]
    [InlineData(8, 500)]
    public void Every_band_runs_once_on_a_valid_worker(int dop, int bands)
    {
        using var scheduler = new RowBandScheduler(dop);
        var work = new CountingWork(bands);
        for (int frame = 0; frame < 50; frame++)
        {
            work.Reset();
            scheduler.Run(work, bands);
            Assert.All(work.Runs, runs => Assert.Equal(1, runs));
            Assert.True(work.MaxWorker < dop);
        }
    }

    [Fact]
    public void A_failing_band_surfaces_after_the_others_stop()
    {
        using var scheduler = new RowBandScheduler(2);
        var error = Assert.Throws<AggregateException>(() => scheduler.Run(new FailingWork(), 20));
        Assert.IsType<InvalidOperationException>(error.InnerException);

        // The scheduler is still usable.
        var work = new CountingWork(5);
        scheduler.Run(work, 5);
        Assert.All(work.Runs, runs => Assert.Equal(1, runs));
    }

    private sealed class CountingWork(int bands) : IBandWork
    {
        public int[] Runs { get; } = new int[bands];

        public int MaxWorker { get; private set; }

        public void Reset() => Array.Clear(Runs);

        public void RunBand(int band, int worker)
        {
            Interlocked.Increment(ref Runs[band]);
            lock (Runs)
            {
                MaxWorker = Math.Max(MaxWorker, worker);
            }
        }
    }

    private sealed class FailingWork : IBandWork
    {
        public void RunBand(int band, int worker)
        {
            if (band == 7)
            {
                throw new InvalidOperationException("band 7");
            }
        }
    }
}
