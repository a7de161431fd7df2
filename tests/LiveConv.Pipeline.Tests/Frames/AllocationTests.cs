using LiveConv.Pipeline.Engine;

namespace LiveConv.Pipeline.Tests.Frames;

/// <summary>Counts every allocation in the process, so nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationCollection;

[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SteadyState_AllocatesNoFrameSizedArrays()
    {
        // 1920x1080 gray: a frame is 2 MB of pixels, more in maps. Besides the pool's own frames (bounded by what
        // the channels hold, far below one per frame) a frame allocates a few hundred bytes of channel and task
        // bookkeeping; it must stay far below one frame-sized array.
        var network = TestDoubles.Network.WithInputSize(1920, 1080);
        long frameBytes = (1920L * 1080) + (network.OutputShape.Length * 4L);

        // Counted inside one run, between frames 40 and 240. The pool may still grow in that window on a busy
        // machine (frames in flight depend on timing); those new frames are bounded and not per-frame cost, so
        // they are counted apart.
        (double PerFrame, int Created) Measure()
        {
            long bytes40 = 0, bytes240 = 0;
            int created40 = 0, created240 = 0;
            Pipeline? pipeline = null;
            var sink = new RecordingSink(onWrite: f =>
            {
                if (f.Index == 40)
                {
                    (created40, bytes40) = (pipeline!.Pool.Created, GC.GetTotalAllocatedBytes(precise: true));
                }
                else if (f.Index == 240)
                {
                    (created240, bytes240) = (pipeline!.Pool.Created, GC.GetTotalAllocatedBytes(precise: true));
                }
            });
            pipeline = new Pipeline(new SizedSource(1920, 1080, 260), () => new RunnerFrameEngine(network, null, 1), network, null, [sink],
                new PipelineOptions { Workers = 2 });
            pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang).GetAwaiter().GetResult();
            return ((bytes240 - bytes40 - ((created240 - created40) * frameBytes)) / 200.0, pipeline.Pool.Created);
        }

        // Background noise only ever adds: the quietest of three runs is the pipeline's own cost.
        double perFrame = double.MaxValue;
        for (int trial = 0; trial < 3; trial++)
        {
            var (bytes, created) = await Task.Run(Measure);
            perFrame = Math.Min(perFrame, bytes);
            Assert.True(created <= 64, $"the pool made {created} frames for 260");
        }

        Assert.True(perFrame < 256 * 1024, $"{perFrame:N0} bytes allocated per frame besides pooled frames");
    }
}
