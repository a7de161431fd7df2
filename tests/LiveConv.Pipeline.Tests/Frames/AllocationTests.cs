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
        // 640x480 gray: a frame is 300 KB of pixels and 2.4 MB of maps. What a frame allocates (about 14 KB here:
        // channel and task bookkeeping) must stay far below one such array.
        var network = TestDoubles.Network.WithInputSize(640, 480);
        long Allocated(int frames)
        {
            var source = new SizedSource(640, 480, frames);
            var pipeline = new Pipeline(source, () => new RunnerFrameEngine(network, null, 1), network, null, [new RecordingSink()],
                new PipelineOptions { Workers = 2 });
            long before = GC.GetTotalAllocatedBytes(precise: true);
            pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang).GetAwaiter().GetResult();
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        await Task.Run(() => Allocated(20));
        long few = await Task.Run(() => Allocated(50)), many = await Task.Run(() => Allocated(250));

        double perFrame = (many - few) / 200.0;
        Assert.True(perFrame < 64 * 1024, $"{perFrame:N0} bytes allocated per frame");
    }
}
