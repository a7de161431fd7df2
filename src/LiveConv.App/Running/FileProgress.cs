using System.Globalization;
using LiveConv.Pipeline.Metrics;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>The progress bar for file work in a terminal: frames done of the total, fps, time left.</summary>
public static class FileProgress
{
    public static void Show(IAnsiConsole console, Task run, PipelineStats stats, long total)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(stats);
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("frames", maxValue: total);
                while (true)
                {
                    bool done = run.Wait(TimeSpan.FromMilliseconds(250)) || run.IsCompleted;
                    task.Value = Math.Min(stats.Output, total);
                    // The average so far: file work is about when it ends, and it is right from the first frames.
                    double fps = stats.Output / Math.Max(stats.Elapsed.TotalSeconds, 1e-3);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{stats.Output}/{total} frames, {fps:F1} fps");
                    if (done)
                    {
                        break;
                    }
                }
            });
    }
}
