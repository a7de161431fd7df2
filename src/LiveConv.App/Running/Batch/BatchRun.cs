using System.Diagnostics;
using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using Spectre.Console;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// A batch: resolves the sources, checks the config and the output folder, takes this shard's inputs and runs them
/// on <see cref="BatchLanes"/> (each skipped when done before, or run to its own outputs), the workers split between
/// the lanes; then the table and the exit code. Ctrl+C or SIGTERM stops the files in flight (no manifest line for
/// them) and starts no more.
/// </summary>
public static class BatchRun
{
    /// <summary>Files in flight at once (<see cref="BatchLanes"/>): two cover one file's tail with the next one's start.</summary>
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
        // Checked before any file opens; each file resolves it again on its own frame size.
        LayerOption.Resolve(config.Network, settings);

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
            + $"to {Path.TrimEndingDirectorySeparator(plan.OutputDirectory)}/, manifest {manifest.Path}");

        int lanes = Math.Max(1, Math.Min(plan.Lanes, mine.Count));
        int workers = settings.Workers ?? Math.Max(1, RunSettings.DefaultWorkers(live: false) / lanes);
        var file = new BatchFile(plan with { OutputDirectory = outputDirectory }, config.Network, workers, Math.Max(1, Environment.ProcessorCount / (workers * lanes)));

        using var stop = new StopRequest();
        var clock = Stopwatch.StartNew();
        var outcomes = new BatchLanes(file, new BatchLedger(manifest, done, hash, outputDirectory, plan.Shard), report, plan.OutputDirectory)
            .Run(mine, lanes, stop.Token);

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
}
