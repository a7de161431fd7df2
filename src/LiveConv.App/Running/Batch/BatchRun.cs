using System.Diagnostics;
using System.Reflection;
using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using Spectre.Console;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// A batch: this shard's inputs, each skipped when done before or run to its own outputs, two at a time so that one
/// file's start (opening, the decoder's first frames, the engines' warm-up) overlaps the other's end and the cores
/// stay busy across file boundaries; the workers are split between the two. A manifest line is appended for every
/// file that finished or failed; Ctrl+C or SIGTERM stops the files in flight (no line for them) and starts no more.
/// </summary>
public static class BatchRun
{
    /// <summary>Files in flight at once: two cover one file's tail with the next one's start.</summary>
    public const int Lanes = 2;

    /// <returns>0 when every input is done; <see cref="ExitCodes.SomeFailed"/> when some failed; <see cref="ExitCodes.Interrupted"/> when stopped.</returns>
    /// <exception cref="UsageException">The sources, the config or an option do not make a batch.</exception>
    public static int Execute(BatchPlan plan, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(console);
        var settings = plan.Settings;
        var all = BatchSources.Resolve(plan.Sources);
        var config = ConfigLoader.Load(settings.ConfigPath);
        int layer = LayerSelection.Resolve(config.Network, settings.Layer);
        if (settings.Mosaic.Map is { } map && !LayerSelection.MapNames(config.Network, layer).Contains(map))
        {
            throw new UsageException($"--map: layer {layer} has no map named '{map}'; it has {string.Join(", ", LayerSelection.MapNames(config.Network, layer))}");
        }

        string outputDirectory = Path.GetFullPath(plan.OutputDirectory);
        if (OutputPreflight.FolderProblem(outputDirectory) is { } problem)
        {
            Console.Error.WriteLine($"liveconv: --output-dir: cannot write to '{plan.OutputDirectory}': {problem}");
            return ExitCodes.RuntimeError;
        }

        if (all.FirstOrDefault(i => Path.GetDirectoryName(i.Path) == outputDirectory) is { } inside)
        {
            throw new UsageException($"--output-dir: '{plan.OutputDirectory}' holds the input {inside.Key}; give a folder of its own, or its .mkv outputs would be inputs of the next run");
        }

        string hash = ConfigHash.Compute(settings, plan.DumpFolder, plan.SnapshotFolder);
        var mine = all.Where(plan.Shard.Owns).ToList();
        var done = plan.Force ? [] : Manifest.ReadAll(outputDirectory);
        using var manifest = new Manifest(Path.Combine(outputDirectory, plan.Shard.ManifestName));
        var report = new BatchReport(console, mine.Count);
        report.Note($"batch: {mine.Count} of {all.Count} inputs{(plan.Shard.Count > 1 ? $" (shard {plan.Shard})" : "")}, config {config.Name} ({hash[..12]}), "
            + $"to {plan.OutputDirectory}/, manifest {manifest.Path}");

        int lanes = Math.Max(1, Math.Min(plan.Lanes, mine.Count));
        int workers = settings.Workers ?? Math.Max(1, RunSettings.DefaultWorkers(live: false) / lanes);
        var file = new BatchFile(plan with { OutputDirectory = outputDirectory }, config.Network, workers, Math.Max(1, Environment.ProcessorCount / (workers * lanes)));
        string version = typeof(BatchRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

        using var stop = new StopRequest();
        var outcomes = new List<BatchOutcome>();
        int next = -1;
        var clock = Stopwatch.StartNew();
        void Lane()
        {
            var pool = new FramePool();
            for (int i; !stop.Requested && (i = Interlocked.Increment(ref next)) < mine.Count;)
            {
                var outcome = One(mine[i], pool);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }

                report.Finished(outcome, plan.OutputDirectory);
            }
        }

        BatchOutcome One(BatchInput input, FramePool pool)
        {
            if (Resume.Done(input, done, hash, outputDirectory, out string? redo) is { } entry)
            {
                return new BatchOutcome(input, BatchOutcomeKind.Skipped, entry.FramesIn, entry.FramesOut, entry.Skipped, entry.Fps, entry.Output, null);
            }

            if (redo is not null)
            {
                report.Note($"redo     {input.Key}: {redo}");
            }

            BatchOutcome outcome;
            try
            {
                outcome = file.Run(input, pool, stop.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug met by one file is that file's failure; the others go on.
                outcome = new BatchOutcome(input, BatchOutcomeKind.Failed, 0, 0, 0, 0, null, $"unexpected error: {e.GetType().Name}: {e.Message}");
            }

            if (outcome.Kind is BatchOutcomeKind.Done or BatchOutcomeKind.Failed)
            {
                manifest.Append(Entry(input, outcome, outputDirectory, hash, version, plan.Shard));
            }

            return outcome;
        }

        // Threads of their own: each blocks on its file's pipeline, which runs on the thread pool.
        var threads = Enumerable.Range(0, lanes).Select(n => new Thread(Lane) { Name = $"batch lane {n}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        report.Table(outcomes, clock.Elapsed, mine.Count - outcomes.Count);
        int failed = outcomes.Count(o => o.Kind == BatchOutcomeKind.Failed);
        if (stop.Requested)
        {
            Console.Error.WriteLine($"liveconv: the batch was stopped: {mine.Count - outcomes.Count(o => o.Kind is BatchOutcomeKind.Done or BatchOutcomeKind.Skipped)} of {mine.Count} inputs are not done; run the same command again to go on");
            return ExitCodes.Interrupted;
        }

        if (failed > 0)
        {
            Console.Error.WriteLine($"liveconv: {failed} of {mine.Count} inputs failed (their lines above, and the manifest {manifest.Path}); run the same command again to retry them");
            return ExitCodes.SomeFailed;
        }

        return ExitCodes.Ok;
    }

    private static ManifestEntry Entry(BatchInput input, BatchOutcome outcome, string outputDirectory, string hash, string version, Shard shard)
    {
        var source = new FileInfo(input.Path);
        string? output = outcome.Kind == BatchOutcomeKind.Done ? outcome.Output : null;
        string? full = output is null ? null : Path.Combine(outputDirectory, output);
        return new ManifestEntry
        {
            Input = input.Key,
            Path = input.Path,
            Size = source.Exists ? source.Length : 0,
            Mtime = source.Exists ? source.LastWriteTimeUtc : default,
            Outcome = outcome.Kind == BatchOutcomeKind.Done ? ManifestEntry.Done : ManifestEntry.Failed,
            Error = outcome.Kind == BatchOutcomeKind.Failed ? outcome.Note : null,
            FramesIn = outcome.FramesIn,
            FramesOut = outcome.FramesOut,
            Skipped = outcome.Skipped,
            Fps = Math.Round(outcome.Fps, 2),
            Seconds = outcome.Fps > 0 ? Math.Round(outcome.FramesOut / outcome.Fps, 3) : 0,
            Output = output,
            OutputBytes = full is null ? 0 : new FileInfo(full).Length,
            OutputTailSha256 = full is null ? null : Manifest.TailHash(full),
            ConfigHash = hash,
            Version = version,
            Shard = shard.ToString(),
            Host = Environment.MachineName,
            Finished = DateTime.UtcNow,
        };
    }
}
