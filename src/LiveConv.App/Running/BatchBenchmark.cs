using System.Diagnostics;
using LiveConv.App.Running.Batch;
using LiveConv.Video.Rendering;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>
/// Does a batch keep the cores busy across file boundaries? The same frames as one long file and as a batch of short
/// ones, each through the batch's own code (<see cref="BatchRun"/>, to .mkv, as <c>liveconv run --output-dir</c> does),
/// and the batch again one file at a time, which shows what overlapping the files is worth. Rounds are interleaved
/// so that a machine whose load changes treats the passes alike.
/// </summary>
public static class BatchBenchmark
{
    public static IReadOnlyList<BenchmarkPass> Run(string single, string batch, string configPath, int rounds, string scratchDirectory)
    {
        string root = Path.Combine(scratchDirectory, $"liveconv-bench-batch-{Environment.ProcessId}");
        try
        {
            var settings = new RunSettings { ConfigPath = configPath, Headless = true, Mosaic = new MosaicOptions() };
            // Untimed: JIT and a cold file cache would otherwise count against the first pass.
            Pass("warm-up", [single], 1, settings with { Frames = 30 }, root);
            var passes = new List<BenchmarkPass>();
            for (int round = 0; round < rounds; round++)
            {
                passes.Add(Pass("one file", [single], BatchRun.Lanes, settings, root));
                passes.Add(Pass("batch", [batch], BatchRun.Lanes, settings, root));
                passes.Add(Pass("batch, one at a time", [batch], 1, settings, root));
            }

            return passes;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static BenchmarkPass Pass(string name, string[] sources, int lanes, RunSettings settings, string root)
    {
        string output = Path.Combine(root, name.Replace(' ', '-').Replace(",", "", StringComparison.Ordinal));
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var plan = new BatchPlan { Sources = sources, OutputDirectory = output, Force = true, Lanes = lanes, Settings = settings };
        var clock = Stopwatch.StartNew();
        int exit = BatchRun.Execute(plan, quiet);
        var elapsed = clock.Elapsed;
        if (exit != 0)
        {
            throw new InvalidOperationException($"the {name} pass failed (exit {exit})");
        }

        long frames = Manifest.ReadAll(output).Sum(e => e.FramesOut);
        Directory.Delete(output, recursive: true);
        return new BenchmarkPass(name, frames, elapsed);
    }
}
