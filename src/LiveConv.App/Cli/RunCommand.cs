using System.CommandLine;
using System.Globalization;
using LiveConv.App.Running;
using LiveConv.App.Running.Batch;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sources;

namespace LiveConv.App.Cli;

/// <summary><c>liveconv run</c>: frames from a source through the network, to a window and/or files.</summary>
public static class RunCommand
{
    /// <summary>The config used when none is given: the lecture's line and corner detectors.</summary>
    public const string DefaultConfig = "seed-lines.json";

    public static Command Create()
    {
        var command = new Command("run", "Run the network on live or recorded frames: show the feature maps in a window and/or write them to files");
        AddTo(command, bare: false);
        return command;
    }

    /// <summary>
    /// The run options and action, on <c>run</c> and on the bare <c>liveconv</c>, which is <c>run</c> that falls back to a
    /// short headless run with snapshots where no window can open (so the main command always shows something).
    /// </summary>
    public static void AddTo(Command command, bool bare)
    {
        ArgumentNullException.ThrowIfNull(command);
        var source = new Option<string[]>("--source")
        {
            Description = "camera:N, /dev/videoN or a camera's name (liveconv cameras lists them), synthetic, a video file, an image file or a folder of images (default: camera 0, else synthetic); "
                + "a batch: several videos, a folder of videos, a quoted glob ('clips/*.mp4') or @list.txt, with --output-dir",
            AllowMultipleArgumentsPerToken = true,
        };
        var outputDir = new Option<string?>("--output-dir") { Description = "Batch: each input's mosaic video as DIR/NAME.mkv, its --dump and snapshots under DIR/NAME/, and the manifest" };
        var force = new Option<bool>("--force") { Description = "Batch: redo inputs the manifest says are done" };
        var shard = OptionRules.Parsed<Shard?>("--shard", "Batch: process share K/N of the inputs, K from 0 to N-1 (default: from SLURM_ARRAY_TASK_* or JOB_COMPLETION_INDEX)", text => Shard.Parse(text));
        var shards = OptionRules.Count("--shards", 1, "Batch in a Kubernetes Indexed Job: the number of shards (the job's completions); JOB_COMPLETION_INDEX is this one");
        var config = new Option<string?>("--config", "-c") { Description = $"The network config (JSON) or a shipped config's name, e.g. edges (default: {Path.GetFileNameWithoutExtension(DefaultConfig)})" };
        var configDir = new Option<string?>("--config-dir") { Description = "The folder the keys 1-9, 0 pick configs from, by file name (default: the --config file's folder)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the mosaic (or --map) as a video: .mkv, .mp4 (mp4v) or .avi (MJPG)" };
        var lossless = new Option<bool>("--lossless") { Description = "With a .mkv --output: FFV1, lossless" };
        var dump = new Option<string?>("--dump") { Description = "Write the selected layer's maps to this folder as frame_000000.npy, … (float32, C,H,W)" };
        var snapshots = new Option<string?>("--snapshot-dir") { Description = "Save PNG snapshots of the mosaic here (key s in the window, or --snapshot-every)" };
        var recordDir = new Option<string>("--record-dir") { Description = "Where the window's key v records, a new recording_yyyyMMdd_HHmmss.mkv each time (made on the first)", DefaultValueFactory = _ => "recordings" };
        var snapshotEvery = OptionRules.Count("--snapshot-every", 1, "With --snapshot-dir: also every Nth frame");
        var frames = OptionRules.Count("--frames", 1L, "Stop after N frames", "-n");
        var headless = new Option<bool>("--headless") { Description = "No window: process, write the outputs, print the stats at the end" };
        var fallback = new Option<bool>("--fallback-headless") { Description = $"Where no window can open, run headless instead: {RunSettings.FallbackFrames} frames, a snapshot every {RunSettings.FallbackSnapshotEvery} in snapshots/ (the bare liveconv command does this)" };
        var realtime = new Option<bool>("--realtime") { Description = "Pace a file or the synthetic scene at its fps and drop frames rather than fall behind" };
        var loop = new Option<bool>("--loop") { Description = "Repeat an image or a folder of images" };
        var size = FrameSize.Option("--size", "Frame size WIDTHxHEIGHT asked of the camera or drawn by the synthetic scene (default: the config's input)", channels: false);
        var fps = OptionRules.Number("--fps", 0, 1000, "29.97", "Frame rate asked of the camera or of the synthetic scene (default 30)");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic scene", DefaultValueFactory = _ => 1 };
        var layer = OptionRules.Count("--layer", 0, "The layer to show and dump, 0-based (default: the last)");
        var map = new Option<string?>("--map") { Description = "Show and write only this map (a kernel name) instead of the mosaic" };
        var colormap = OptionRules.Parsed<Colormap?>("--colormap", "gray (the default), or an OpenCV colormap: inferno, jet, viridis, turbo, …", Colormap.Parse, Colormap.Names);
        colormap.HelpName = "name";
        var normalize = OptionRules.Choice("--normalize", "per-map, global or fixed (with --range)", [.. Enum.GetValues<Normalization>().Select(n => n.Name())]);
        var range = OptionRules.Parsed<(float, float)?>("--range", "The value range for --normalize fixed, MIN:MAX (default 0:1)", text => ParseRange(text));
        range.HelpName = "min:max";
        var showInput = new Option<bool>("--show-input") { Description = "Add a tile with the input frame" };
        var outputHud = new Option<bool>("--output-hud") { Description = "Also draw the HUD (stats, frame-time graph) in a band under the mosaic that --output, recordings and snapshots get; without it they get the maps alone, with a window or headless alike" };
        var workers = OptionRules.Count("--workers", 1, "Engine workers running frames in parallel (default: 1 for a live source, using every core on each frame; one per core, up to 4, for a file)");
        var onSourceLoss = OptionRules.Choice("--on-source-loss", "When a camera stops giving frames: stop (finalize the outputs and end), or retry (reopen it every second)", "stop", "retry");
        var verbose = new Option<bool>("--verbose") { Description = "Also show FFmpeg's own log (the decoder's errors on a damaged file, a dozen lines per damaged frame)" };
        var engine = OptionRules.Choice("--engine", "fast, or reference (the exact scalar oracle, slow)", "fast", "reference");
        var modelOptions = new ModelOptions();
        Option[] options =
        [
            source, config, configDir, output, lossless, dump, snapshots, recordDir, snapshotEvery, frames, headless, realtime, loop, size, fps, seed,
            layer, map, colormap, normalize, range, showInput, outputHud, workers, engine, onSourceLoss, verbose, outputDir, force, shard, shards,
        ];
        modelOptions.AddTo(command, onTheFly: true);
        foreach (var option in bare ? options : [.. options, fallback])
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            string[] sources = parse.GetValue(source) ?? [];
            var imported = modelOptions.ImportOrNull(parse, config);
            var settings = new RunSettings
            {
                Source = sources.Length == 1 ? sources[0] : null,
                Imported = imported?.Config,
                ConfigPath = imported?.Config.Path ?? (parse.GetValue(config) is { } c ? Configuration.ConfigPath.Resolve(c) : Path.Combine(Configuration.ConfigPath.Shipped, DefaultConfig)),
                ConfigDirectory = parse.GetValue(configDir) is { } d ? ExistingFolder("--config-dir", d) : null,
                Output = parse.GetValue(output),
                Lossless = parse.GetValue(lossless),
                DumpDirectory = parse.GetValue(dump),
                SnapshotDirectory = parse.GetValue(snapshots),
                RecordingDirectory = parse.GetValue(recordDir)!,
                SnapshotEvery = parse.GetValue(snapshotEvery) ?? 0,
                Frames = parse.GetValue(frames),
                Headless = parse.GetValue(headless),
                FallbackHeadless = bare || parse.GetValue(fallback),
                Realtime = parse.GetValue(realtime),
                RetryOnSourceLoss = parse.GetValue(onSourceLoss) == "retry",
                Loop = parse.GetValue(loop),
                Size = parse.GetValue(size) is { } s ? (s.Width, s.Height) : null,
                Fps = parse.GetValue(fps),
                Seed = parse.GetValue(seed),
                Verbose = parse.GetValue(verbose),
                Layer = parse.GetValue(layer),
                Workers = parse.GetValue(workers),
                ReferenceEngine = parse.GetValue(engine) == "reference",
                Mosaic = new MosaicOptions
                {
                    Colormap = parse.GetValue(colormap) ?? Colormap.Gray,
                    Normalization = NormalizationNames.Parse(parse.GetValue(normalize)!),
                    FixedRange = parse.GetValue(range) ?? (0f, 1f),
                    Map = parse.GetValue(map),
                    ShowInput = parse.GetValue(showInput),
                    Hud = parse.GetValue(outputHud),
                },
            };
            if (settings is { Source: "synthetic", Size: (var w, var h) } && Math.Min(w, h) < SyntheticScene.MinSide)
            {
                throw new UsageException($"--size: the synthetic scene draws frames of at least {SyntheticScene.MinSide}x{SyntheticScene.MinSide}, got {w}x{h}");
            }

            string? directory = parse.GetValue(outputDir);
            if (imported is not null && (directory is not null || BatchSources.IsBatch(sources)))
            {
                throw new UsageException("--model runs one source; for a batch, import the model to a config first (liveconv import) and give it with --config");
            }

            if (directory is null && !BatchSources.IsBatch(sources))
            {
                foreach (var (name, given) in new (string, bool)[] { ("--force", parse.GetValue(force)), ("--shard", parse.GetValue(shard) is not null), ("--shards", parse.GetValue(shards) is not null) })
                {
                    if (given)
                    {
                        throw new UsageException($"{name} is for a batch: add --output-dir DIR");
                    }
                }

                return TensorRun.IsTensor(settings.Source)
                    ? TensorRun.Execute(settings, Terminal.CreateConsole())
                    : RunSession.Execute(settings, Terminal.CreateConsole());
            }

            return BatchRun.Execute(Batch(settings, sources, directory, parse.GetValue(force), parse.GetValue(shard), parse.GetValue(shards)), Terminal.CreateConsole());
        });
    }

    /// <summary>
    /// A batch always runs headless to <c>--output-dir</c>; <c>--dump</c> and <c>--snapshot-dir</c> name a folder inside
    /// each input's <c>DIR/NAME/</c>, and options that only fit one live source are refused.
    /// </summary>
    private static BatchPlan Batch(RunSettings settings, string[] sources, string? directory, bool force, Shard? shard, int? shards)
    {
        if (directory is null)
        {
            throw new UsageException($"--source names a batch of videos: add --output-dir DIR for their outputs (DIR/NAME.mkv each) and the manifest");
        }

        if (sources.Length == 0)
        {
            throw new UsageException("--output-dir is for a batch: give the videos with --source (files, a folder of videos, a quoted glob or @list.txt)");
        }

        foreach (var (name, given) in new (string, bool)[]
        {
            ("--output", settings.Output is not null), ("--realtime", settings.Realtime), ("--loop", settings.Loop),
            ("--on-source-loss retry", settings.RetryOnSourceLoss), ("--size", settings.Size is not null), ("--fps", settings.Fps is not null),
            ("--output-hud", settings.Mosaic.Hud),
        })
        {
            if (given)
            {
                throw new UsageException($"{name} does not fit a batch: each input's mosaic goes to --output-dir as NAME.mkv, and a batch reads its files as fast as it can");
            }
        }

        if (sources.FirstOrDefault(s => s is "synthetic" or "auto" || s.StartsWith("camera", StringComparison.Ordinal)) is { } live)
        {
            throw new UsageException($"--source {live}: a batch is made of video files, not a camera or the synthetic scene");
        }

        return new BatchPlan
        {
            Sources = sources,
            OutputDirectory = directory,
            DumpFolder = SubFolder("--dump", settings.DumpDirectory),
            SnapshotFolder = SubFolder("--snapshot-dir", settings.SnapshotDirectory),
            Force = force,
            Shard = shard ?? Shard.FromEnvironment(Environment.GetEnvironmentVariable, shards),
            Settings = settings with { Headless = true },
        };
    }

    private static string? SubFolder(string option, string? folder) =>
        folder is null || (!Path.IsPathRooted(folder) && !folder.Split('/', '\\').Contains(".."))
            ? folder
            : throw new UsageException($"{option}: in a batch this names a folder inside each input's DIR/NAME/ (e.g. {option} maps), got '{folder}'");

    private static string ExistingFolder(string option, string path) =>
        Directory.Exists(path) ? path
        : File.Exists(path) ? throw new UsageException($"{option}: '{path}' is a file, not a folder")
        : throw new UsageException($"{option}: folder '{path}' does not exist");

    private static (float Min, float Max) ParseRange(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float lo)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float hi)
            && float.IsFinite(lo) && float.IsFinite(hi) && lo < hi
            ? (lo, hi)
            : throw new ArgumentException($"expected MIN:MAX with MIN < MAX, e.g. -1:1, got \"{text}\"");
    }
}
