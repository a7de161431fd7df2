using System.Collections.Concurrent;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace LiveConv.Pipeline.Tests;

public class PipelineTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private static Pipeline Build(CountingSource source, RecordingSink sink, PipelineOptions options, long? failOn = null, TimeProvider? time = null)
    {
        int seed = 0;
        return new Pipeline(source, () => new JitteryEngine(Interlocked.Increment(ref seed), failOn), TestDoubles.Network, null, [sink], options, time);
    }

    [Fact]
    public async Task File_FourWorkers_EveryFrameOutOnceInOrder()
    {
        var sink = new RecordingSink();
        var pipeline = Build(new CountingSource(60), sink, new PipelineOptions { Workers = 4 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), sink.Indices);
        Assert.Equal(60, pipeline.Stats.Output);
        Assert.Equal(0, pipeline.Stats.Dropped);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task File_SlowSink_WaitsAndLosesNothing()
    {
        var sink = new RecordingSink(delayMs: 3);
        var pipeline = Build(new CountingSource(40), sink, new PipelineOptions { Capacity = 1 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), sink.Indices);
        Assert.Equal(0, pipeline.Stats.Dropped);
    }

    [Fact]
    public async Task Live_SlowSink_DropsOldestCountsEveryDropAndStaysBounded()
    {
        var sink = new RecordingSink(delayMs: 5);
        var pipeline = Build(new CountingSource(300, live: true), sink, new PipelineOptions { Live = true, Workers = 2, Capacity = 1 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        var shown = sink.Indices.ToArray();
        Assert.True(pipeline.Stats.Dropped > 0, "a sink slower than the source must cause drops");
        Assert.Equal(300, pipeline.Stats.Captured);
        Assert.Equal(300, shown.Length + pipeline.Stats.Dropped);
        Assert.Equal(shown.Order(), shown);
        Assert.Equal(shown.Length, shown.Distinct().Count());

        // Frames in flight, not frames captured, bound what the pool made.
        Assert.True(pipeline.Pool.Created <= 16, $"the pool made {pipeline.Pool.Created} frames");
    }

    [Fact]
    public async Task File_AWorkerStallingOnOneFrame_DoesNotLetTheOthersPileFramesUpBehindIt()
    {
        var source = new CountingSource(400);
        var sink = new RecordingSink();
        // Frame 5 is held until the source has been read 100 frames past it (or for 5 s, if it never is): without
        // a bound, the other worker's frames would wait for it in the reorder stage, each a new frame of the pool.
        var pipeline = new Pipeline(source, () => new StallingEngine(5, () => source.FramesRead >= 105, TimeSpan.FromSeconds(5)), TestDoubles.Network, null, [sink],
            new PipelineOptions { Workers = 2 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), sink.Indices);
        Assert.True(pipeline.Pool.Created <= 16, $"the pool made {pipeline.Pool.Created} frames while one worker stalled");
    }

    [Fact]
    public async Task Live_AWorkerStallingOnOneFrame_DropsBeforeTheEngine_AndTheRestLeaveInOrderWithNoGapWaitedFor()
    {
        var source = new CountingSource(400, live: true);
        var sink = new RecordingSink();
        // The first frame is held until the source has been read 100 frames past it: the other worker fills the
        // in-flight limit and the live capture drops frames nobody took. The workers number only the frames they
        // take, so the reorder stage waits for none of the dropped ones.
        var pipeline = new Pipeline(source, () => new StallingEngine(0, () => source.FramesRead >= 100, TimeSpan.FromSeconds(5)), TestDoubles.Network, null, [sink],
            new PipelineOptions { Live = true, Workers = 2, Capacity = 1 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        var shown = sink.Indices.ToArray();
        Assert.True(pipeline.Stats.DroppedBefore(Stage.Engine) > 0, "a stalled engine must cause drops before it");
        Assert.Equal(400, shown.Length + pipeline.Stats.Dropped);
        Assert.Equal(shown.Order(), shown);
        Assert.Equal(shown.Length, shown.Distinct().Count());
    }

    [Fact]
    public async Task File_PoolReusesFrames()
    {
        var pipeline = Build(new CountingSource(200), new RecordingSink(), new PipelineOptions { Workers = 2 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.True(pipeline.Pool.Created <= 16, $"the pool made {pipeline.Pool.Created} frames for 200");
    }

    [Fact]
    public async Task PacedSource_IsHeldToItsTimestamps_AndCaptureTimeExcludesTheWait()
    {
        var clock = new FakeTimeProvider();
        var released = new ConcurrentQueue<long>();
        var sink = new RecordingSink(onWrite: f => released.Enqueue(f.CaptureTimestamp));
        var pipeline = Build(new CountingSource(16, live: true, paced: true), sink, new PipelineOptions { Live = true }, time: clock);

        await PlayOnTheClock(pipeline, sink, clock, 16);

        // Each frame left the capture exactly at its source time, never before, on the pipeline's clock.
        Assert.Equal(DueTimes(16), released.Select(t => clock.GetElapsedTime(released.First(), t)));
        // The source reads in no time on the fake clock: a capture time that counted the pacing wait would be 33 ms.
        Assert.Equal(0, pipeline.Stats.MeanStageMs(Stage.Capture));
    }

    [Fact]
    public async Task Pace_HoldsAFileSourceToItsTimestamps_AndLosesNoFrame()
    {
        var clock = new FakeTimeProvider();
        var released = new ConcurrentQueue<long>();
        var sink = new RecordingSink(onWrite: f => released.Enqueue(f.CaptureTimestamp));
        var pipeline = Build(new CountingSource(16), sink, new PipelineOptions { Pace = true }, time: clock);

        await PlayOnTheClock(pipeline, sink, clock, 16);

        Assert.Equal(DueTimes(16), released.Select(t => clock.GetElapsedTime(released.First(), t)));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), sink.Indices);
    }

    [Fact]
    public async Task Window_TheTimeShowTakes_IsTheDisplayStage_AndTheGraphShowsIt()
    {
        var clock = new FakeTimeProvider();
        var window = new ShowingWindow(clock, TimeSpan.FromMilliseconds(4));
        var pipeline = Build(new CountingSource(10), new RecordingSink(), new PipelineOptions { Display = true }, time: clock);

        var run = pipeline.RunAsync(CancellationToken.None);
        await foreach (var frame in pipeline.Display!.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            pipeline.Show(window, frame);
            Assert.Equal(TimeSpan.FromMilliseconds(4), frame.Times[Stage.Display]);
            // A held frame shown again (paused) is timed again but counts once.
            pipeline.Show(window, frame);
            pipeline.Release(frame);
        }

        await run.WaitAsync(NoHang);

        Assert.Equal(20, window.Shows);
        Assert.Equal(10, pipeline.Stats.Output);
        Assert.Equal(4, pipeline.Stats.MeanStageMs(Stage.Display));
        var samples = new float[FrameTimeHistory.Capacity * FrameTimeHistory.Stages.Count];
        int count = pipeline.Stats.History.CopyTo(samples);
        Assert.Equal(10, count);
        int display = FrameTimeHistory.Stages.ToList().IndexOf("display");
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(4f, samples[(i * FrameTimeHistory.Stages.Count) + display]));
    }

    [Fact]
    public async Task WarmUp_RunsOneBlackFrameThroughTheEngineRendererAndWindow_CountingNothing()
    {
        var clock = new FakeTimeProvider();
        var window = new ShowingWindow(clock, TimeSpan.FromMilliseconds(4));
        var renderer = new CountingRenderer();
        var sink = new RecordingSink();
        var pipeline = new Pipeline(new CountingSource(5), () => new JitteryEngine(1), TestDoubles.Network, renderer, [sink], new PipelineOptions { Display = true }, clock);

        pipeline.WarmUp(window);

        Assert.Equal(1, renderer.Frames);
        Assert.True(renderer.LastMaps > 0, "the engine did not run on the warm-up frame");
        Assert.Equal(1, window.Shows);
        Assert.Equal(0, pipeline.Stats.Captured);
        Assert.Equal(0, pipeline.Stats.Output);
        Assert.Equal(0, pipeline.Stats.Dropped);

        // The run itself is unchanged: the warm-up frame reaches no sink and no display.
        var run = pipeline.RunAsync(CancellationToken.None);
        await foreach (var frame in pipeline.Display!.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            pipeline.Show(window, frame);
            pipeline.Release(frame);
        }

        await run.WaitAsync(NoHang);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), sink.Indices);
        Assert.Equal(5, pipeline.Stats.Captured);
    }

    /// <summary>Counts the frames it renders and the maps of the last one.</summary>
    private sealed class CountingRenderer : LiveConv.Pipeline.Rendering.IFrameRenderer
    {
        public int Frames { get; private set; }

        public int LastMaps { get; private set; }

        public void Render(Frame frame, IReadOnlyList<string> hud)
        {
            Frames++;
            LastMaps = frame.Maps?.Channels ?? 0;
        }
    }

    /// <summary>A window whose Show takes <paramref name="showing"/> on the fake clock.</summary>
    private sealed class ShowingWindow(FakeTimeProvider clock, TimeSpan showing) : IWindow
    {
        public int Shows { get; private set; }

        public bool IsClosed => false;

        public (int Width, int Height) Size => (640, 480);

        public void Show(Frame frame)
        {
            Shows++;
            clock.Advance(showing);
        }

        public (int X, int Y)? TakeClick() => null;

        public int PollKey(int milliseconds) => -1;
    }

    /// <summary>The counting source's timestamps at 30 fps.</summary>
    private static TimeSpan[] DueTimes(int count) => [.. Enumerable.Range(0, count).Select(i => TimeSpan.FromSeconds(i / 30.0))];

    /// <summary>
    /// Runs the pipeline, moving the fake clock to each frame's due time only once the frame before it is out, so
    /// nothing depends on how fast this machine is: a frame released early would carry an earlier time.
    /// </summary>
    private static async Task PlayOnTheClock(Pipeline pipeline, RecordingSink sink, FakeTimeProvider clock, int count)
    {
        var due = DueTimes(count);
        var run = pipeline.RunAsync(CancellationToken.None);
        for (int k = 1; k < count; k++)
        {
            Assert.True(SpinWait.SpinUntil(() => sink.Indices.Count >= k || run.IsCompleted, NoHang), $"frame {k - 1} never came out");
            Assert.Equal(k, sink.Indices.Count);
            clock.Advance(due[k] - due[k - 1]);
        }

        await run.WaitAsync(NoHang);
    }

    [Fact]
    public async Task Pause_HoldsAFileSourceWhereItIs_ResumeGoesOnWithNothingLost()
    {
        var sink = new RecordingSink();
        var pipeline = Build(new CountingSource(20), sink, new PipelineOptions());

        Assert.True(pipeline.Pause(true));
        var run = pipeline.RunAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.Equal(0, pipeline.Stats.Captured);
        Assert.False(run.IsCompleted);

        pipeline.Pause(false);
        await run.WaitAsync(NoHang);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), sink.Indices);
    }

    [Fact]
    public async Task Pause_OfALiveSource_DoesNotHoldIt_AndStopEndsAPausedRun()
    {
        var live = Build(new CountingSource(16, live: true), new RecordingSink(), new PipelineOptions { Live = true });
        Assert.False(live.Pause(true));
        await live.RunAsync(CancellationToken.None).WaitAsync(NoHang);
        Assert.Equal(16, live.Stats.Captured);

        using var stop = new CancellationTokenSource();
        var file = Build(new CountingSource(null), new RecordingSink(), new PipelineOptions());
        file.Pause(true);
        var run = file.RunAsync(stop.Token);
        await Task.Delay(100);
        stop.Cancel();
        await run.WaitAsync(NoHang);
        Assert.Equal(0, file.Stats.Captured);
    }

    [Fact]
    public async Task FrameLimit_StopsAfterNFrames()
    {
        var sink = new RecordingSink();
        var pipeline = Build(new CountingSource(null), sink, new PipelineOptions { MaxFrames = 17, Workers = 3 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(Enumerable.Range(0, 17).Select(i => (long)i), sink.Indices);
    }

    [Fact]
    public async Task Stop_Midway_DrainsWhatWasCapturedAndFinalizesSinks()
    {
        using var stop = new CancellationTokenSource();
        var sink = new RecordingSink(onWrite: f =>
        {
            if (f.Index == 20)
            {
                stop.Cancel();
            }
        });
        var pipeline = Build(new CountingSource(null), sink, new PipelineOptions { Workers = 2 });

        await pipeline.RunAsync(stop.Token).WaitAsync(NoHang);

        Assert.InRange(sink.Indices.Count, 21, 40);
        Assert.Equal(pipeline.Stats.Captured, pipeline.Stats.Output);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task EngineFailure_StopsWithTheEngineErrorAndFinalizesSinks()
    {
        var sink = new RecordingSink();
        var pipeline = Build(new CountingSource(null), sink, new PipelineOptions { Workers = 2 }, failOn: 12);

        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal("engine", error.Stage);
        Assert.Equal("the engine stage failed: engine broke on frame 12", error.Message);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task SinkFailure_StopsTheEndlessSource()
    {
        var sink = new RecordingSink(failOn: 5);
        var pipeline = Build(new CountingSource(null), sink, new PipelineOptions { Workers = 3 });

        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal("sink", error.Stage);
        Assert.Contains("disk full at frame 5", error.Message);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task SourceFailure_NamesTheCaptureStageAfterTheCapturedFramesAreOut()
    {
        var sink = new RecordingSink();
        var source = new CountingSource(null, failAt: i => i == 3 ? new IOException("cable pulled") : null);
        var pipeline = Build(source, sink, new PipelineOptions());

        var error = await Assert.ThrowsAsync<PipelineException>(() => pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal("capture", error.Stage);
        Assert.Contains("cable pulled", error.Message);
        Assert.Equal([0L, 1L, 2L], sink.Indices);
        Assert.Equal(1, sink.Disposals);
    }

    [Fact]
    public async Task Maps_EqualTheReferenceOutputForTheSameFrame()
    {
        var sink = new RecordingSink { KeepMaps = true };
        var pipeline = Build(new CountingSource(5), sink, new PipelineOptions { Workers = 2 });

        await pipeline.RunAsync(CancellationToken.None).WaitAsync(NoHang);

        for (int i = 0; i < 5; i++)
        {
            var pixels = new byte[TestDoubles.Width * TestDoubles.Height];
            TestDoubles.Fill(pixels, i);
            var expected = ReferenceEngine.Run(TestDoubles.Network, pixels, PixelFormat.Gray)[^1];
            Assert.Equal(expected.Data, sink.Maps[i]);
        }
    }

    [Fact]
    public void LayerSelection_OutOfRange_SaysWhichLayersExist()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReferenceFrameEngine(TestDoubles.Network, 3));
        Assert.Equal("layer 3 does not exist: the network has layers 0 to 0", error.Message);
    }
}
