using System.Globalization;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Sources;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>
/// The end-of-run lines for a damaged video: one per region where decoding failed (its time range and the frames
/// lost there, counted by timestamps), then a total. The run still succeeds (exit 0) when any frame decoded, so
/// these lines are where the loss shows; a clean file gets none.
/// </summary>
public static class DamageNotice
{
    /// <summary>Regions listed one per line; a file damaged throughout gets a count for the rest.</summary>
    public const int MaxLines = 20;

    public static void Write(IAnsiConsole console, IFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (source is not VideoFileSource { Damage: { Count: > 0 } damage } video)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var lines = damage.Take(MaxLines)
            .Select(r => string.Create(inv, $"damaged: {r.After.TotalSeconds:0.000} s to {r.Before.TotalSeconds:0.000} s, {r.FramesLost} frame{(r.FramesLost == 1 ? "" : "s")} lost (could not be decoded)"))
            .ToList();
        if (damage.Count > MaxLines)
        {
            lines.Add(string.Create(inv, $"damaged: … and {damage.Count - MaxLines} more regions"));
        }

        long lost = damage.Sum(r => r.FramesLost);
        lines.Add(string.Create(inv, $"damage: {lost} frame{(lost == 1 ? "" : "s")} lost in {damage.Count} region{(damage.Count == 1 ? "" : "s")}; {video.FramesRead} frames decoded"));
        foreach (string line in lines)
        {
            console.Write(new Text(line + "\n"));
        }
    }
}
