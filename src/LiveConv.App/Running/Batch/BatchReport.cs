using System.Globalization;
using Spectre.Console;

namespace LiveConv.App.Running.Batch;

/// <summary>A batch's console output: a line per file as it finishes, then a table of them all and the totals.</summary>
public sealed class BatchReport(IAnsiConsole console, int total)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Lock _lock = new();
    private int _finished;

    public void Note(string line)
    {
        lock (_lock)
        {
            console.Write(new Text(line + "\n"));
        }
    }

    public void Finished(BatchOutcome outcome, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string output = outcome.Output is { } o ? Path.Combine(outputDirectory, o) : "";
        string what = outcome.Kind switch
        {
            BatchOutcomeKind.Done => string.Create(Inv, $"done     {outcome.Input.Key} -> {output}: {outcome.FramesOut} frames, {outcome.Fps:F1} fps")
                + (outcome.Note is { } damage ? $", {damage}" : ""),
            BatchOutcomeKind.Skipped => string.Create(Inv, $"skipped  {outcome.Input.Key}: done before ({output}, {outcome.FramesOut} frames, same config)"),
            BatchOutcomeKind.Failed => $"failed   {outcome.Input.Key}: {outcome.Note}",
            _ => $"stopped  {outcome.Input.Key}: {outcome.Note}",
        };
        lock (_lock)
        {
            _finished++;
            console.Write(new Text(string.Create(Inv, $"[{_finished}/{total}] {what}\n")));
        }
    }

    public void Table(IReadOnlyList<BatchOutcome> outcomes, TimeSpan elapsed, int notStarted)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var table = new Table().AddColumns("input", "outcome", "frames in", "frames out", "lost", "fps", "output");
        foreach (var o in outcomes.OrderBy(o => o.Input.Key, StringComparer.Ordinal))
        {
            bool ran = o.Kind is not BatchOutcomeKind.Skipped;
            table.AddRow(
                Markup.Escape(o.Input.Key),
                o.Kind.ToString().ToLowerInvariant(),
                ran ? o.FramesIn.ToString(Inv) : "",
                o.FramesOut.ToString(Inv),
                o.Skipped.ToString(Inv),
                ran && o.FramesOut > 0 ? o.Fps.ToString("F1", Inv) : "",
                Markup.Escape(o.Output ?? ""));
        }

        long frames = outcomes.Where(o => o.Kind is not BatchOutcomeKind.Skipped).Sum(o => o.FramesOut);
        int Count(BatchOutcomeKind kind) => outcomes.Count(o => o.Kind == kind);
        lock (_lock)
        {
            console.Write(table);
            console.Write(new Text(string.Create(Inv,
                $"batch: {Count(BatchOutcomeKind.Done)} done, {Count(BatchOutcomeKind.Skipped)} skipped (done before), {Count(BatchOutcomeKind.Failed)} failed, "
                + $"{Count(BatchOutcomeKind.Interrupted)} stopped, {notStarted} not started; {frames} frames in {elapsed.TotalSeconds:F2} s, "
                + $"{frames / Math.Max(elapsed.TotalSeconds, 1e-9):F1} fps\n")));
        }
    }
}
