using System.Globalization;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Sources;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>
/// The summary line for a partly damaged video: how many of its announced frames could not be decoded. The run
/// still succeeds (exit 0) when any frame was decoded, so this line is where the loss shows. A batch reports each
/// file's damage through the same two methods.
/// </summary>
public static class SkippedFramesNotice
{
    public static void Write(IAnsiConsole console, IFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Describe(source) is { } line)
        {
            console.Write(new Text($"skipped: {line}\n"));
        }
    }

    /// <summary>Frames of <paramref name="source"/> that could not be decoded; 0 for a whole file or another kind of source.</summary>
    public static long Count(IFrameSource source) => source is VideoFileSource video ? video.SkippedFrames : 0;

    /// <summary>"K of N frames could not be decoded (damaged or missing)", or null when none were lost.</summary>
    public static string? Describe(IFrameSource source) =>
        source is VideoFileSource { SkippedFrames: > 0 } video
            ? string.Create(CultureInfo.InvariantCulture, $"{video.SkippedFrames} of {video.Info.FrameCount} frames could not be decoded (damaged or missing)")
            : null;
}
