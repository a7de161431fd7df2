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
        // 1920x1080 gray: a frame is 2 MB of pixels, more in maps. What a frame allocates (about 14 KB on a quiet
        // machine: channel and task bookkeeping; up to ~150 KB when the thread pool grows on a busy one) must stay
        // far below one such array.
        var network = TestDoubles.Network.WithInputSize(1920, 1080);
        long Allocated(int frames)
        {
            var source = new SizedSource(1920, 1080, frames);
            var pipeline = new Pipeline(source, () => new RunnerFrameEngine(network, null, 1), network, null, [new RecordingSink()],
                new PipelineOptions { Workers = 2 });
            long before = GC.GetTotalAllocatedBytes(precise: true);
            pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang).GetAwaiter().GetResult();
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        await Task.Run(() => Allocated(20));

        // Background noise only ever adds: the quietest of three trials is the pipeline's own cost.
        double perFrame = double.MaxValue;
        for (int trial = 0; trial < 3; trial++)
        {
            long few = await Task.Run(() => Allocated(20)), many = await Task.Run(() => Allocated(120));
            perFrame = Math.Min(perFrame, (many - few) / 100.0);
        }

        Assert.True(perFrame < 512 * 1024, $"{perFrame:N0} bytes allocated per frame");
    }
}
