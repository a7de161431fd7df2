using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>
/// PNG snapshots of the mosaic, snapshot_000042.png by source frame: the next frame after each request (the
/// window's s key), and every Nth frame when asked. Each is written as its .partial.png first (<see cref="PartialFile"/>),
/// so a file under its final name is always complete.
/// </summary>
public sealed class SnapshotSink : IFrameSink
{
    private readonly string _directory;
    private readonly int _every;
    private int _requested;

    /// <param name="every">Save every Nth frame (frames 0, N, 2N, …); 0 for on request only.</param>
    public SnapshotSink(string directory, int every)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        _directory = directory;
        _every = every;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Asks for the next frame; safe from any thread.</summary>
    public void Request() => Interlocked.Exchange(ref _requested, 1);

    public void Write(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        bool due = _every > 0 && frame.Index % _every == 0;
        if (Interlocked.Exchange(ref _requested, 0) == 0 && !due)
        {
            return;
        }

        Save(frame, Path.Combine(_directory, FileName(frame.Index)));
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
        byte[] encoded;
        using (var mosaic = MatFrames.Mosaic(frame))
        {
            // Encoded in memory, then written by .NET: every write error, the last buffer's included, is thrown.
            if (!Cv2.ImEncode(Path.GetExtension(path), mosaic, out encoded))
            {
                throw new IOException($"OpenCV could not encode the snapshot '{path}'");
            }
        }

        PartialFile.Write(path, stream => stream.Write(encoded));
    }

    public void Dispose()
    {
        // Each PNG is complete, under its final name, when Write returns.
    }
}
