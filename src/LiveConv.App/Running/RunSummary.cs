using System.Globalization;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Sinks;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>The end-of-run lines: frames in/out/dropped, throughput, latency, time per stage, what was written.</summary>
public static class RunSummary
{
    public static void Write(
        IAnsiConsole console, SourceInfo source, PipelineStats stats, RunSettings settings, VideoFileSink? video, NpyDumpSink? dumps, SnapshotSink? snapshots)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(settings);
        var inv = CultureInfo.InvariantCulture;
        double seconds = stats.Elapsed.TotalSeconds;
        // Only a window shows frames.
        string display = stats.MeanStageMs(Stage.Display) > 0 ? string.Create(inv, $", display {stats.MeanStageMs(Stage.Display):F2} ms") : "";
        var lines = new List<string>
        {
            string.Create(inv, $"source: {source.Name} {source.Width}x{source.Height} at {source.Fps:0.##} fps{(source.IsLive ? ", live" : "")}"),
            string.Create(inv, $"frames: in {stats.Captured}, out {stats.Output}, dropped {stats.Dropped}{DropsByStage(stats)}"),
            string.Create(inv, $"throughput: {stats.Output / Math.Max(seconds, 1e-9):F1} fps over {seconds:F2} s"),
            string.Create(inv, $"latency capture to output: p50 {stats.Latency.Percentile(50):F1} ms, p99 {stats.Latency.Percentile(99):F1} ms"),
            string.Create(inv, $"per frame: capture {stats.MeanStageMs(Stage.Capture):F2} ms, engine {stats.MeanStageMs(Stage.Engine):F2} ms, render {stats.MeanStageMs(Stage.Render):F2} ms, sinks {stats.MeanStageMs(Stage.Sink):F2} ms{display}"),
        };
        if (video is not null)
        {
            // A file removed after a failure (or never opened: no frame) is not claimed as written.
            lines.Add(video.Completed
                ? string.Create(inv, $"wrote {settings.Output} ({video.FramesWritten} frames{(video.FramesHeld > 0 ? $", {video.FramesHeld} of them holding the previous picture over gaps in the source's timestamps" : "")})")
                : $"no video written to {settings.Output}");
        }

        if (dumps is not null)
        {
            lines.Add(dumps.FilesWritten > 0
                ? string.Create(inv, $"wrote {dumps.FilesWritten} .npy files to {settings.DumpDirectory}")
                : $"no .npy written to {settings.DumpDirectory}");
        }

        if (snapshots is not null)
        {
            lines.Add(string.Create(inv, $"wrote {snapshots.FilesWritten} snapshots to {settings.SnapshotDirectory}"));
        }

        foreach (string line in lines)
        {
            console.Write(new Text(line + "\n"));
        }
    }

    /// <summary>Where the drops were, as the HUD says it: " (before the display 6)"; nothing when none.</summary>
    private static string DropsByStage(PipelineStats stats)
    {
        var stages = new[] { (Stage.Engine, "engine"), (Stage.Render, "render"), (Stage.Sink, "sinks"), (Stage.Display, "display") }
            .Where(s => stats.DroppedBefore(s.Item1) > 0)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"before the {s.Item2} {stats.DroppedBefore(s.Item1)}"))
            .ToArray();
        return stages.Length == 0 ? "" : $" ({string.Join(", ", stages)})";
    }
}
