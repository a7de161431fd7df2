using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Pipeline;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using FramePipeline = LiveConv.Pipeline.Pipeline;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// One input of a batch, headless, to its own outputs: <c>DIR/NAME.mkv</c> (the mosaic, what --output writes for one
/// file) and, when asked, <c>DIR/NAME/DUMP/</c> and <c>DIR/NAME/SNAPSHOTS/</c>. Every failure is this file's outcome,
/// never the batch's.
/// </summary>
public sealed class BatchFile(BatchPlan plan, Network network, int workers, int threads)
{
    /// <param name="pool">The lane's frames, shared by the files it runs one after the other.</param>
    public BatchOutcome Run(BatchInput input, FramePool pool, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(input);
        string output = input.Name + ".mkv";
        IFrameSource source;
        try
        {
            // The same opening as a single run's --source FILE; size, fps and seed only matter to cameras and the synthetic scene.
            source = SourceFactory.Open(new SourceOptions(input.Path, 0, 0, 30, Realtime: false, Loop: false, 0, SizeRequested: false, FpsRequested: false), out _);
        }
        catch (SourceException e)
        {
            return Failed(input, e.Message);
        }

        using (source)
        {
            try
            {
                return Process(input, source, output, pool, stop);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failed(input, $"cannot write its outputs: {e.Message}");
            }
        }
    }

    private BatchOutcome Process(BatchInput input, IFrameSource source, string output, FramePool pool, CancellationToken stop)
    {
        var settings = plan.Settings;
        Network sized;
        int layer;
        try
        {
            sized = network.WithInputSize(source.Info.Width, source.Info.Height);
            layer = LayerSelection.Resolve(sized, settings.Layer);
            MemoryBudget.Check(settings.ConfigPath, sized, workers, MemoryBudget.Available);
        }
        catch (Exception e) when (e is NetworkException or ArgumentException)
        {
            return Failed(input, $"the config does not fit its {source.Info.Width}x{source.Info.Height} frames: {e.Message}");
        }
        catch (ConfigException e)
        {
            return Failed(input, e.Message);
        }

        var video = new VideoFileSink(Path.Combine(plan.OutputDirectory, output), source.Info.Fps, settings.Lossless);
        var sinks = new List<IFrameSink> { video };
        string folder = Path.Combine(plan.OutputDirectory, input.Name);
        if (plan.DumpFolder is { } dump)
        {
            sinks.Add(new NpyDumpSink(Path.Combine(folder, dump)));
        }

        if (plan.SnapshotFolder is { } snapshots && settings.SnapshotEvery > 0)
        {
            sinks.Add(new SnapshotSink(Path.Combine(folder, snapshots), settings.SnapshotEvery));
        }

        var renderer = new MosaicRenderer(settings.Mosaic with { Hud = false });
        var pipeline = new FramePipeline(
            source,
            () => settings.ReferenceEngine ? new ReferenceFrameEngine(sized, layer) : new RunnerFrameEngine(sized, layer, threads),
            sized,
            renderer,
            sinks,
            new PipelineOptions { Workers = workers, Capacity = 4, MaxFrames = settings.Frames, Pool = pool });
        string? failure = null;
        // Set before the pipeline drains (a cancellation callback runs inside Cancel), so the sink sees it when it closes.
        using (stop.Register(() => video.Interrupted = true))
        {
            try
            {
                pipeline.RunAsync(stop).GetAwaiter().GetResult();
            }
            catch (PipelineException e)
            {
                failure = e.Message;
            }
        }

        var stats = pipeline.Stats;
        long skipped = DamageNotice.Count(source);
        double fps = stats.Output / Math.Max(stats.Elapsed.TotalSeconds, 1e-9);
        string? note = DamageNotice.Describe(source);
        // A stop that came after the video was renamed found it whole: it is done, not stopped.
        if (video.Interrupted && !video.Completed)
        {
            return new BatchOutcome(input, BatchOutcomeKind.Interrupted, stats.Captured, stats.Output, skipped, fps,
                PartialFile.PathFor(output), $"stopped after {stats.Output} frames; left as {PartialFile.PathFor(output)}, redone next time");
        }

        if (failure is null && !video.Completed)
        {
            failure = "no frame was processed, no video written";
        }

        return failure is null
            ? new BatchOutcome(input, BatchOutcomeKind.Done, stats.Captured, stats.Output, skipped, fps, output, note)
            : new BatchOutcome(input, BatchOutcomeKind.Failed, stats.Captured, stats.Output, skipped, fps, video.Completed ? output : null, failure);
    }

    private static BatchOutcome Failed(BatchInput input, string error) => new(input, BatchOutcomeKind.Failed, 0, 0, 0, 0, null, error);
}
