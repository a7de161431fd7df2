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

    /// <summary>An AVI's timestamps are frame numbers and close up over what its demuxer skips: errors, but no gap.</summary>
    private static string Loss(long frames) => frames switch
    {
        0 => "decoding errors but no gap in the timestamps (frames concealed, or lost where the timestamps are frame numbers, as in an AVI)",
        1 => "1 frame lost (could not be decoded)",
        _ => string.Create(CultureInfo.InvariantCulture, $"{frames} frames lost (could not be decoded)"),
    };

    /// <summary>Frames lost to damage in <paramref name="source"/>; 0 for a whole file or another kind of source.</summary>
    public static long Count(IFrameSource source) => source is VideoFileSource video ? video.Damage.Sum(r => r.FramesLost) : 0;

    /// <summary>One line for a batch's report ("9 frames lost in 1 damaged region"), or null for a clean file.</summary>
    public static string? Describe(IFrameSource source)
    {
        if (source is not VideoFileSource { Damage: { Count: > 0 } damage })
        {
            return null;
        }

        long lost = damage.Sum(r => r.FramesLost);
        return string.Create(CultureInfo.InvariantCulture, $"{lost} frame{(lost == 1 ? "" : "s")} lost in {damage.Count} damaged region{(damage.Count == 1 ? "" : "s")}");
    }

    public static void Write(IAnsiConsole console, IFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (source is not VideoFileSource { Damage: { Count: > 0 } damage } video)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var lines = damage.Take(MaxLines)
            .Select(r => string.Create(inv, $"damaged: {r.After.TotalSeconds:0.000} s to {r.Before.TotalSeconds:0.000} s, {Loss(r.FramesLost)}"))
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
