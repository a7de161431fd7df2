using LiveConv.Pipeline.Engine;
using Microsoft.Extensions.Time.Testing;

namespace LiveConv.Pipeline.Tests;

/// <summary>
/// Issue 6, load: a paced live source at 200 fps into a sink four times too slow, for long enough that anything
/// that grows with time would show. Live: memory (frames made by the pool) and latency stay flat, every frame
/// is either output or counted as dropped. File: the same slow sink loses nothing.
/// </summary>
public sealed class SlowSinkLoadTests
{
    private const int Frames = 600;
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SinkTime = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Live_SinkFourTimesTooSlow_MemoryAndLatencyStayBounded_DropsCounted()
    {
        // Time is the pipeline's fake clock, and only the sink moves it, by 20 ms a frame: the source falls due four
        // frames per sink write however fast or busy this machine is.
        var clock = new FakeTimeProvider();
        var sink = new RecordingSink(onWrite: _ => clock.Advance(SinkTime));
        var source = new CountingSource(Frames, live: true, paced: true, fps: 200);
        var pipeline = new Pipeline(source, () => new ReferenceFrameEngine(TestDoubles.Network), TestDoubles.Network, null, [sink],
            new PipelineOptions { Live = true, Workers = 2, Capacity = 2 }, clock);

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Frames, pipeline.Stats.Captured);
        Assert.Equal(Frames, sink.Indices.Count + pipeline.Stats.Dropped);
        Assert.InRange(pipeline.Stats.Dropped, Frames / 2, Frames - 1);
        Assert.True(pipeline.Pool.Created <= 16, $"the pool made {pipeline.Pool.Created} frames for {Frames} captured");
        // A queue that grew would hold late frames for seconds (600 frames x 20 ms = 12 s of sink work captured in
        // 3 s). Bounded: a frame waits at most for the frames in flight ahead of it, one sink write each.
        double p99 = pipeline.Stats.Latency.Percentile(99);
        Assert.True(p99 <= (pipeline.Pool.Created * SinkTime.TotalMilliseconds) + 0.1, $"p99 latency {p99:F1} ms with a 20 ms sink and {pipeline.Pool.Created} frames");
    }

    [Fact]
    public async Task File_SinkFourTimesSlowerThanTheEngine_BackpressureLosesNothing()
    {
        var sink = new RecordingSink(delayMs: 2);
        var pipeline = new Pipeline(new CountingSource(Frames), () => new ReferenceFrameEngine(TestDoubles.Network), TestDoubles.Network, null, [sink],
            new PipelineOptions { Workers = 2, Capacity = 2 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (long)i), sink.Indices);
        Assert.Equal(0, pipeline.Stats.Dropped);
        // The sink set the pace: frames in flight are the channels' capacities plus one per stage, not the 600 read.
        Assert.True(pipeline.Pool.Created <= 24, $"the pool made {pipeline.Pool.Created} frames");
    }
}
