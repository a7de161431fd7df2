using System.Collections.Concurrent;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Sources;
using FramePipeline = LiveConv.Pipeline.Pipeline;

namespace LiveConv.Video.Tests.Sources;

/// <summary>
/// Issue 6, cameras: a camera that vanishes mid-stream, simulated (there is no camera here), through the real
/// pipeline. Without retry the run stops with the camera's message and every output finalized; with
/// <c>--on-source-loss retry</c> the source is reopened and the run goes on.
/// </summary>
public sealed class SourceLossTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private static readonly Network Network = new(
        new InputSpec(PixelFormat.Gray, 1f, 16, 12),
        [new Conv2d([KernelLibrary.Get("identity")], padding: Padding.Same)]);

    [Fact]
    public async Task CameraVanishes_RunStopsWithItsMessage_OutputsFinalized()
    {
        var sink = new CollectingSink();
        var pipeline = Live(new VanishingCamera(frames: 10), sink);

        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal("the capture stage failed: camera 0 stopped giving frames (unplugged, or taken by another program?)", error.Message);
        Assert.Equal(10, sink.Indices.Count + pipeline.Stats.Dropped);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task CameraVanishes_Retry_ReopensAndGoesOn_IndicesKeepCounting()
    {
        var sink = new CollectingSink();
        var reports = new ConcurrentQueue<string>();
        int opens = 0;
        var statuses = new ConcurrentQueue<string?>();
        ReconnectingSource? source = null;
        source = new ReconnectingSource(
            new VanishingCamera(frames: 10),
            () =>
            {
                statuses.Enqueue(source!.Status);
                return ++opens < 3 ? throw new SourceException("no camera at index 0") : new VanishingCamera(frames: 10, endsCleanly: true);
            },
            reports.Enqueue);
        var pipeline = Live(source, sink);

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(20, pipeline.Stats.Captured);
        Assert.Equal(20, sink.Indices.Count + pipeline.Stats.Dropped);
        Assert.Equal(sink.Indices.Order(), sink.Indices);
        Assert.Equal(19, sink.Indices.Last());
        Assert.Equal(1, source.Losses);
        // What the HUD shows while the camera is away; nothing once it is back.
        Assert.Equal(["camera 0 lost: reconnecting every 1 s", "camera 0 lost: reconnecting every 1 s, 1 attempt so far", "camera 0 lost: reconnecting every 1 s, 2 attempts so far"], statuses);
        Assert.Null(source.Status);
        Assert.Equal(
            ["camera 0 lost: camera 0 stopped giving frames (unplugged, or taken by another program?); reconnecting every 1 s (Ctrl+C stops)", "camera 0 is back after 3 attempts"],
            reports);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task CameraComesBackAtAnotherSize_RunStopsAndSaysSo()
    {
        var sink = new CollectingSink();
        var source = new ReconnectingSource(new VanishingCamera(frames: 5), () => new VanishingCamera(frames: 5, width: 32), _ => { });
        var pipeline = Live(source, sink);

        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal("the capture stage failed: camera 0 came back at 32x12, not 16x12; restart liveconv", error.Message);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task Retry_StopRequestedWhileTheCameraIsAway_EndsPromptly()
    {
        using var stop = new CancellationTokenSource();
        var source = new ReconnectingSource(new VanishingCamera(frames: 3), () => throw new SourceException("no camera at index 0"), _ => stop.CancelAfter(200));
        var sink = new CollectingSink();
        var pipeline = Live(source, sink);

        await pipeline.RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, pipeline.Stats.Captured);
        Assert.Equal(1, sink.Disposals);
    }

    private static FramePipeline Live(IFrameSource source, IFrameSink sink) =>
        new(source, () => new ReferenceFrameEngine(Network), Network, null, [sink], new PipelineOptions { Live = true, Capacity = 2 });

    /// <summary>A camera that hands over some frames, then fails the way <see cref="CameraSource"/> does when the device goes.</summary>
    private sealed class VanishingCamera(int frames, bool endsCleanly = false, int width = 16) : IFrameSource
    {
        private long _next;

        public SourceInfo Info { get; } = new("camera 0", width, 12, PixelFormat.Gray, 30, true, null);

        public bool Read(Frame frame, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_next == frames)
            {
                return endsCleanly ? false : throw new SourceException("camera 0 stopped giving frames (unplugged, or taken by another program?)");
            }

            frame.PreparePixels(Info.Width, 12, PixelFormat.Gray).Fill((byte)_next);
            frame.Index = _next++;
            return true;
        }

        public void Dispose()
        {
        }
    }

    private sealed class CollectingSink : IFrameSink
    {
        public List<long> Indices { get; } = [];

        public int Disposals { get; private set; }

        public void Write(Frame frame) => Indices.Add(frame.Index);

        public void Dispose() => Disposals++;
    }
}
