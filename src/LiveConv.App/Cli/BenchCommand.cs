using System.CommandLine;
using System.Globalization;
using LiveConv.App.Configuration;
using LiveConv.App.Running;
using LiveConv.Video.Sources;

namespace LiveConv.App.Cli;

/// <summary><c>liveconv bench</c>: file throughput of the pipeline as a ratio to decoding the same file alone.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "The video file to run over", Required = true };
        var config = new Option<string?>("--config", "-c") { Description = "The network config (default: configs/w1-detectors.json)" };
        var workers = OptionRules.Count("--workers", 1, "Engine workers (default: one per core, up to 4, as liveconv run gives a file)");
        var frames = OptionRules.Count("--frames", 1L, "Only the first N frames", "-n");
        var batch = new Option<string?>("--batch") { Description = "Instead: the same frames as --source (one long file) and as this batch (a folder, a quoted glob or @list), to .mkv as liveconv run --output-dir does" };
        var rounds = OptionRules.Count("--rounds", 1, "With --batch: rounds of the three passes, interleaved (default 3)");
        var command = new Command("bench", "Time decoding alone, the pipeline with no sink and the pipeline to .mkv on one file; print fps and ratios")
        {
            source, config, workers, frames, batch, rounds,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(batch) is { } spec)
            {
                return Batch(parse.GetRequiredValue(source), spec, ConfigPath.Resolve(parse.GetValue(config) ?? "w1-detectors"), parse.GetValue(rounds) ?? 3);
            }

            int w = parse.GetValue(workers) ?? RunSettings.DefaultWorkers(live: false);

            var loaded = ConfigLoader.Load(ConfigPath.Resolve(parse.GetValue(config) ?? "w1-detectors"));
            IReadOnlyList<BenchmarkPass> passes;
            try
            {
                passes = ThroughputBenchmark.Run(parse.GetRequiredValue(source), loaded.Network, w, parse.GetValue(frames), Path.GetTempPath());
            }
            catch (SourceException e)
            {
                Console.Error.WriteLine($"liveconv: {e.Message}");
                return ExitCodes.RuntimeError;
            }

            var inv = CultureInfo.InvariantCulture;
            Console.Out.WriteLine(string.Create(inv, $"{loaded.Name}, {w} worker(s), {Environment.ProcessorCount} cores"));
            foreach (var pass in passes)
            {
                Console.Out.WriteLine(string.Create(inv,
                    $"{pass.Name,-18} {pass.Frames,6} frames {pass.Elapsed.TotalSeconds,8:F2} s {pass.Fps,8:F1} fps  ratio {pass.Fps / passes[0].Fps:F2}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Batch(string single, string batch, string configPath, int rounds)
    {
        string before = LoadAverage();
        var passes = BatchBenchmark.Run(single, batch, configPath, rounds, Path.GetTempPath());
        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(inv, $"{Path.GetFileNameWithoutExtension(configPath)}, to .mkv, {Environment.ProcessorCount} cores, load average {before} before, {LoadAverage()} after"));
        foreach (var pass in passes)
        {
            Console.Out.WriteLine(string.Create(inv, $"{pass.Name,-22} {pass.Frames,6} frames {pass.Elapsed.TotalSeconds,8:F2} s {pass.Fps,8:F1} fps"));
        }

        double Fps(string name) => passes.Where(p => p.Name == name).Sum(p => p.Frames) / passes.Where(p => p.Name == name).Sum(p => p.Elapsed.TotalSeconds);
        Console.Out.WriteLine(string.Create(inv,
            $"over {rounds} round(s): one file {Fps("one file"):F1} fps, batch {Fps("batch"):F1} fps (ratio {Fps("batch") / Fps("one file"):F2}), one at a time {Fps("batch, one at a time"):F1} fps (ratio {Fps("batch, one at a time") / Fps("one file"):F2})"));
        return ExitCodes.Ok;
    }

    /// <summary>The 1-minute load average where the OS says it (Linux), so a figure says how busy the machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
