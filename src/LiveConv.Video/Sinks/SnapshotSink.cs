using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>
/// PNG snapshots of the mosaic, snapshot_000042.png by source frame: the next frame after each request (the
/// window's s key), and every Nth frame when asked.
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

        using var mosaic = MatFrames.Mosaic(frame);
        string path = Path.Combine(_directory, $"snapshot_{frame.Index:D6}.png");
        if (!Cv2.ImWrite(path, mosaic))
        {
            throw new IOException($"OpenCV could not write the snapshot '{path}'");
        }
    }

    public void Dispose()
    {
        // Each PNG is complete when Write returns.
    }
}
