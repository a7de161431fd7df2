using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;

namespace LiveConv.Video.Sinks;

/// <summary>
/// PNG snapshots of the mosaic every Nth frame, snapshot_000042.png by source frame (the window's s key saves through
/// <see cref="Save"/> directly). Each is written as its .partial.png first (<see cref="PartialFile"/>),
/// so a file under its final name is always complete. Each snapshot's frame index and source timestamp go to
/// <c>index.csv</c> beside them (<see cref="FrameIndex"/>).
/// </summary>
public sealed class SnapshotSink : IFrameSink
{
    private readonly string _directory;
    private readonly int _every;
    private readonly FrameIndex _index;

    /// <param name="every">Save every Nth frame (frames 0, N, 2N, …).</param>
    public SnapshotSink(string directory, int every)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        _directory = directory;
        _every = every;
        Directory.CreateDirectory(directory);
        _index = new FrameIndex(directory);
    }

    /// <summary>Snapshots written so far.</summary>
    public long FilesWritten { get; private set; }

    public void Write(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Index % _every != 0)
        {
            return;
        }

        Save(frame, Path.Combine(_directory, FileName(frame.Index)));
        FilesWritten++;
        _index.Add(FileName(frame.Index), frame);
    }

    /// <summary><c>snapshot_000042.png</c> for source frame 42.</summary>
    public static string FileName(long index) => $"snapshot_{index:D6}.png";

    /// <summary>
    /// Writes the frame's mosaic as the image <paramref name="path"/> (format by its extension) through
    /// <see cref="PartialFile"/>: complete under that name, or not written at all.
    /// </summary>
    public static void Save(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var mosaic = MatFrames.Mosaic(frame);
        ImageFile.Write(mosaic, path);
    }

    /// <summary>Each PNG is complete, under its final name, when Write returns; the index gets its name now.</summary>
    public void Dispose() => _index.Dispose();
}
