using System.Globalization;
using LiveConv.Pipeline.Sources;
using LiveConv.Video.Sources;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>
/// The summary line for a partly damaged video: how many of its announced frames could not be decoded. The run
/// still succeeds (exit 0) when any frame was decoded, so this line is where the loss shows.
/// </summary>
public static class SkippedFramesNotice
{
    public static void Write(IAnsiConsole console, IFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (source is VideoFileSource { SkippedFrames: > 0 } video)
        {
            console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
                $"skipped: {video.SkippedFrames} of {video.Info.FrameCount} frames could not be decoded (damaged or missing)\n")));
        }
    }
}
