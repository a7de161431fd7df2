using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>
/// The rendered mosaic as a video file at the source's fps, one video frame per processed frame. The writer opens
/// on the first frame, when the mosaic's size is known. It writes to <c>NAME.partial.EXT</c> next to the target
/// (<see cref="PartialFile.PathFor"/>) and Dispose closes that file (so it is playable), syncs it to the disk and
/// renames it to the target (<see cref="DurableFile"/>): a file under the final name is always complete. If writing failed, the partial file is removed; if the process is
/// killed, it stays under its partial name (a .mkv or .avi keeps every frame flushed before the kill).
/// <para>OpenCV's writer is constant-rate. Following the source's timestamps (a recorded video), a frame that comes
/// more than one frame interval after the previous one (a variable-rate source's pause, frames lost to damage) is
/// preceded by the previous picture repeated over the gap, so the video plays as long as its source and stays in
/// step with it; frames closer together than the interval are each written once, never dropped.</para>
/// </summary>
public sealed class VideoFileSink : IFrameSink
{
    private readonly string _path;
    private readonly string _partialPath;
    private readonly FourCC _codec;
    private readonly double _fps;
    private readonly Mat _fitted = new();
    private readonly bool _followSourceTime;
    private readonly Mat _held = new();
    private TimeSpan _origin;
    private long _nextSlot;
    private VideoWriter? _writer;
    private Size _size;
    private bool _failed;
    private bool _interrupted;

    /// <param name="followSourceTime">Place frames by <see cref="Frame.SourceTime"/>, holding the previous picture over gaps.</param>
    /// <exception cref="ArgumentException">The extension names no known container.</exception>
    public VideoFileSink(string path, double fps, bool lossless = false, bool followSourceTime = false)
    {
        _followSourceTime = followSourceTime;
        _codec = VideoCodec.ForPath(path, lossless);
        _path = path;
        _partialPath = PartialFile.PathFor(path);
        _fps = fps;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Frames in the file, <see cref="FramesHeld"/> included.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Frames that repeat the previous picture over a gap in the source's timestamps.</summary>
    public long FramesHeld { get; private set; }

    /// <summary>True once the file is complete under its final name.</summary>
    public bool Completed { get; private set; }

    /// <summary>
    /// Set when the run was stopped before its input ended and a shorter file is not what was asked for (a batch's
    /// file, which is redone on resume): Dispose still closes the file playable but leaves it under its partial name,
    /// so the final name only ever holds a whole output. A single run's recording is finalized as usual.
    /// </summary>
    public bool Interrupted
    {
        get => Volatile.Read(ref _interrupted);
        set => Volatile.Write(ref _interrupted, value);
    }

    public void Write(Frame frame)
    {
        using var mosaic = MatFrames.Mosaic(frame);
        try
        {
            if (_writer is null)
            {
                _size = mosaic.Size();
                _writer = new VideoWriter(_partialPath, _codec, _fps, _size);
                if (!_writer.IsOpened())
                {
                    throw new IOException($"OpenCV could not open '{_partialPath}' for writing ({_codec}, {mosaic.Width}x{mosaic.Height})");
                }
            }

            // OpenCV silently skips a frame of another size; a key that changes the layout mid-recording must not lose frames.
            var picture = mosaic.Size() == _size ? mosaic : Fit(mosaic);
            if (_followSourceTime)
            {
                HoldOverGap(frame.SourceTime);
            }

            _writer.Write(picture);
            FramesWritten++;
            if (_followSourceTime)
            {
                picture.CopyTo(_held);
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    public void Dispose()
    {
        _fitted.Dispose();
        _held.Dispose();
        if (_writer is null)
        {
            return;
        }

        _writer.Release();
        _writer.Dispose();
        _writer = null;
        if (_failed || !File.Exists(_partialPath))
        {
            File.Delete(_partialPath);
            return;
        }

        // OpenCV's writer reports no write errors: a disk that is full now most likely cut the file short.
        if (new DriveInfo(Path.GetFullPath(_partialPath)).AvailableFreeSpace == 0)
        {
            File.Delete(_partialPath);
            throw new IOException($"the disk filled up while writing '{_path}'; the incomplete file was removed");
        }

        if (Interrupted)
        {
            return;
        }

        DurableFile.Sync(_partialPath);
        DurableFile.Move(_partialPath, _path);
        Completed = true;
    }

    /// <summary>Repeats the previous picture up to the slot of a frame at <paramref name="time"/> on the file's constant-rate grid.</summary>
    private void HoldOverGap(TimeSpan time)
    {
        if (FramesWritten == 0)
        {
            _origin = time;
        }

        long slot = (long)Math.Round((time - _origin).TotalSeconds * _fps);
        for (; _nextSlot < slot && !_held.Empty(); _nextSlot++)
        {
            _writer!.Write(_held);
            FramesWritten++;
            FramesHeld++;
        }

        _nextSlot = Math.Max(_nextSlot, slot) + 1;
    }

    /// <summary>The mosaic scaled into the file's frame size, undistorted and centred on black.</summary>
    private Mat Fit(Mat mosaic)
    {
        double scale = Math.Min(_size.Width / (double)mosaic.Width, _size.Height / (double)mosaic.Height);
        var size = new Size(Math.Max(1, (int)(mosaic.Width * scale)), Math.Max(1, (int)(mosaic.Height * scale)));
        _fitted.Create(_size, MatType.CV_8UC3);
        _fitted.SetTo(Scalar.All(0));
        using var target = _fitted[new Rect((_size.Width - size.Width) / 2, (_size.Height - size.Height) / 2, size.Width, size.Height)];
        Cv2.Resize(mosaic, target, size, 0, 0, InterpolationFlags.Area);
        return _fitted;
    }
}
