using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using LiveConv.App.Live;
using LiveConv.Engine;
using LiveConv.Pipeline;
using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using LiveConv.Video.Window;
using Spectre.Console;
using FramePipeline = LiveConv.Pipeline.Pipeline;

namespace LiveConv.App.Running;

/// <summary>
/// One <c>liveconv run</c>: opens the source, builds the sinks and the pipeline, then either pumps the window on
/// this (the main) thread or, headless, waits with a progress bar for file work in a terminal; prints the summary.
/// </summary>
public static class RunSession
{
    /// <returns>The exit code.</returns>
    /// <exception cref="UsageException">An option does not fit the config or the source.</exception>
    /// <exception cref="ConfigException">The config cannot be loaded.</exception>
    public static int Execute(RunSettings settings, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var config = settings.Imported ?? ConfigLoader.Load(settings.ConfigPath);
        LayerOption.Resolve(config.Network, settings);
        OpenCvWindow? window = null;
        if (!settings.Headless)
        {
            string? noWindow = DisplayAvailable() ? TryOpenWindow($"LiveConv - {config.Name}", out window) : "DISPLAY is not set";
            if (noWindow is not null && !settings.FallbackHeadless)
            {
                throw new UsageException($"there is no display to open a window on ({noWindow}): add --headless, "
                    + "with --output, --dump or --snapshot-dir to keep the results");
            }

            if (noWindow is not null)
            {
                settings = settings with
                {
                    Headless = true,
                    Frames = settings.Frames ?? RunSettings.FallbackFrames,
                    SnapshotDirectory = settings.SnapshotDirectory ?? "snapshots",
                    SnapshotEvery = settings.SnapshotEvery > 0 ? settings.SnapshotEvery : RunSettings.FallbackSnapshotEvery,
                };
                console.WriteLine($"liveconv: no window ({noWindow}): running headless for {settings.Frames} frames, "
                    + $"a snapshot every {settings.SnapshotEvery} in {settings.SnapshotDirectory}/");
            }
        }

        using (window)
        {
            return Open(settings, config, window, console);
        }
    }

    private static int Open(RunSettings settings, LiveConvConfig config, OpenCvWindow? window, IAnsiConsole console)
    {
        if (OutputPreflight.FindProblem(settings) is { } problem)
        {
            Console.Error.WriteLine($"liveconv: {problem}");
            return ExitCodes.RuntimeError;
        }

        var spec = config.Network.Input;
        var (width, height) = settings.Size ?? (spec.Width, spec.Height);
        IFrameSource source;
        try
        {
            var options = new SourceOptions(settings.Source, width, height, settings.Fps ?? 30, settings.Realtime,
                settings.Loop, settings.Seed, settings.Size is not null, settings.Fps is not null);
            if (settings.Verbose)
            {
                FfmpegLog.ShowDecoderLog();
            }

            source = SourceFactory.Open(options, out string? notice);
            if (settings.RetryOnSourceLoss && source is CameraSource)
            {
                // The default source reopens as the camera it found, never as the synthetic fallback.
                var again = options.Spec is null or "auto" ? options with { Spec = "camera:0" } : options;
                source = new ReconnectingSource(source, () => SourceFactory.Open(again, out _), line => Console.Error.WriteLine($"liveconv: {line}"));
            }

            if (notice is not null)
            {
                console.Write(new Text(notice + "\n"));
            }
        }
        catch (SourceException e)
        {
            Console.Error.WriteLine($"liveconv: {e.Message}");
            return ExitCodes.RuntimeError;
        }

        using (source)
        {
            return Run(settings, config, source, window, console);
        }
    }

    private static int Run(RunSettings settings, LiveConvConfig config, IFrameSource source, OpenCvWindow? window, IAnsiConsole console)
    {
        var info = source.Info;
        var network = Sized(config.Network, info);
        int workers = settings.Workers ?? RunSettings.DefaultWorkers(info.IsLive);
        MemoryBudget.Check(settings.ConfigPath, network, workers, MemoryBudget.Available);
        int layer = LayerOption.Resolve(network, settings);

        var sinks = new List<IFrameSink>();
        SnapshotSink? snapshots = null;
        NpyDumpSink? dumps = null;
        VideoFileSink? video = null;
        try
        {
            if (settings.Output is { } output)
            {
                video = Check("--output", () => new VideoFileSink(output, info.Fps, settings.Lossless, followSourceTime: !info.IsLive));
                sinks.Add(video);
            }

            if (settings.DumpDirectory is { } dump)
            {
                dumps = new NpyDumpSink(dump);
                sinks.Add(dumps);
            }

            // Without --snapshot-every the folder is only for the window's s key.
            if (settings.SnapshotDirectory is { } snapshotDirectory && settings.SnapshotEvery > 0)
            {
                snapshots = new SnapshotSink(snapshotDirectory, settings.SnapshotEvery);
                sinks.Add(snapshots);
            }
        }
        catch
        {
            sinks.ForEach(s => s.Dispose());
            throw;
        }

        // The v key's recordings are written on the sink thread, like --output.
        var recorder = window is null ? null : new Live.Recorder(settings.RecordingDirectory, info.Fps > 0 ? info.Fps : 30, TimeProvider.System);
        if (recorder is not null)
        {
            sinks.Add(recorder);
        }

        bool needsMosaic = !settings.Headless || video is not null || snapshots is not null;
        int threads = Math.Max(1, Environment.ProcessorCount / workers);
        var renderer = needsMosaic ? new MosaicRenderer(settings.Mosaic) : null;
        // The live keys replace the network while it runs; every engine follows the slot.
        var slot = new NetworkSlot(network, layer);
        var pipeline = new FramePipeline(
            source,
            () => new SwitchingFrameEngine(slot, s => settings.ReferenceEngine
                ? new ReferenceFrameEngine(s.Network, s.Layer, s.StagesOf)
                : new RunnerFrameEngine(s.Network, s.Layer, threads, s.StagesOf)),
            network,
            renderer,
            sinks,
            new PipelineOptions
            {
                Live = info.IsLive,
                Workers = workers,
                Capacity = info.IsLive ? 2 : 4,
                MaxFrames = settings.Frames,
                Display = !settings.Headless,
                // In a window a file plays at its speed, like in a player; headless it runs as fast as it can.
                Pace = !settings.Headless,
                Network = slot,
            });
        if (renderer is not null)
        {
            renderer.History = pipeline.Stats.History;
            renderer.IntervalMs = 1000 / (info.Fps > 0 ? info.Fps : 30);
            // With a window, the files' mosaic is drawn only for the files that take it.
            renderer.FileMosaic = window is null || video is not null || snapshots is not null;
        }

        string? failure = null;
        // The first Ctrl+C, SIGTERM or SIGHUP (or q in the window) stops cleanly; the summary below is still written.
        using (var stop = new StopRequest())
        {
            try
            {
                if (info.IsLive)
                {
                    // The window's size first: a frame rendered without it has no view, which the window skips, so the
                    // warm-up would not map the window and the first frames would count as dropped before the display.
                    if (window is not null && renderer is not null)
                    {
                        renderer.Canvas = window.Size;
                    }

                    pipeline.WarmUp(window);
                }

                Task run;
                if (window is not null)
                {
                    double fps = info.Fps > 0 ? info.Fps : 30;
                    var options = new LiveOptions
                    {
                        ConfigDirectory = settings.ConfigDirectory ?? Path.GetDirectoryName(Path.GetFullPath(settings.ConfigPath))!,
                        SnapshotDirectory = settings.SnapshotDirectory ?? "snapshots",
                        RecordingDirectory = settings.RecordingDirectory,
                        FileOutputs = video is not null || snapshots is not null,
                        SourceStatus = source is ReconnectingSource reconnecting ? () => reconnecting.Status : () => null,
                    };
                    LiveView? live = null;
                    // Saves of the config file reload it; the view applies them on the main thread.
                    using var watcher = new ConfigWatcher(TimeProvider.System, TimeSpan.FromMilliseconds(300), path => live?.ConfigChanged(path));
                    using var filters = new FiltersWindow();
                    using var view = live = new LiveView(pipeline, slot, renderer!, window, options, recorder!, stop.Request, message => console.WriteLine($"liveconv: {message}"), watcher, filters);
                    if (settings.Imported is null)
                    {
                        watcher.Watch(settings.ConfigPath);
                    }

                    // The view and one tick of its loop before the first frame: the window takes frames from a one-frame
                    // queue, so a first tick that was still starting up when the second frame came dropped the first.
                    var loop = new DisplayLoop(view, window, TimeProvider.System, TimeSpan.FromSeconds(1 / fps));
                    loop.RunOneFrame();
                    run = pipeline.RunAsync(stop.Token);
                    loop.Run();
                }
                else
                {
                    run = pipeline.RunAsync(stop.Token);
                    if (!info.IsLive && (settings.Frames ?? info.FrameCount) is { } total && !Console.IsOutputRedirected)
                    {
                        FileProgress.Show(console, run, pipeline.Stats, total);
                    }
                }

                run.GetAwaiter().GetResult();
            }
            catch (PipelineException e)
            {
                failure = e.Message;
            }
        }

        RunSummary.Write(console, info, pipeline.Stats, settings, video, dumps, snapshots);
        DamageNotice.Write(console, source);
        if (failure is not null)
        {
            Console.Error.WriteLine($"liveconv: {failure}");
            return ExitCodes.RuntimeError;
        }

        return ExitCodes.Ok;
    }

    private static Network Sized(Network network, SourceInfo info)
    {
        try
        {
            return network.WithInputSize(info.Width, info.Height);
        }
        catch (NetworkException e)
        {
            throw new UsageException($"the config does not fit {info.Name}'s {info.Width}x{info.Height} frames: {e.Message}", e);
        }
    }

    private static T Check<T>(string option, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Opens the window before the source (creating it takes a while, which would otherwise count as latency of the
    /// first frames); why it cannot, or null.
    /// </summary>
    private static string? TryOpenWindow(string title, out OpenCvWindow? window)
    {
        try
        {
            window = new OpenCvWindow(title);
            return null;
        }
        catch (OpenCvSharp.OpenCVException e)
        {
            window = null;
            return $"the window cannot open: {e.Message}";
        }
    }

    private static bool DisplayAvailable() =>
        !OperatingSystem.IsLinux()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}
