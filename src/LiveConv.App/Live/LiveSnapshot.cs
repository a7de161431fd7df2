using System.Globalization;
using LiveConv.App.Running;
using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sinks;

namespace LiveConv.App.Live;

/// <summary>
/// The s key: the shown frame's mosaic as <c>snapshot_NNNNNN.png</c> and its maps as <c>snapshot_NNNNNN.npy</c> in a
/// folder (made if missing), its frame index and source timestamp a line of the folder's <c>index.csv</c>, each complete under its name or not there (<see cref="PartialFile"/>). A folder that
/// cannot be made or written, or a write that fails, is a <c>cannot snapshot: …</c> message; the live view goes on.
/// </summary>
public static class LiveSnapshot
{
    /// <summary>Saves <paramref name="frame"/> in <paramref name="directory"/>.</summary>
    /// <returns>What happened, for the HUD and the log.</returns>
    public static string Take(Frame? frame, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (frame?.Maps is not { } maps)
        {
            return "no frame yet to snapshot";
        }

        if (OutputPreflight.FolderProblem(Path.GetFullPath(directory)) is { } problem)
        {
            return $"cannot snapshot: {problem}";
        }

        string stem = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"snapshot_{frame.Index:D6}"));
        bool pngWritten = false;
        try
        {
            SnapshotSink.Save(frame, stem + ".png");
            pngWritten = true;
            NpyWriter.Save(stem + ".npy", maps);
            FrameIndex.Append(directory, Path.GetFileName(stem) + ".png", frame);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return pngWritten ? $"cannot snapshot: {e.Message} ({stem}.png was written)" : $"cannot snapshot: {e.Message}";
        }

        return $"snapshot {stem}.png + .npy";
    }
}
