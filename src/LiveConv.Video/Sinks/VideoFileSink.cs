using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>
/// The rendered mosaic as a video file at the source's fps, one video frame per processed frame. The writer opens
/// on the first frame, when the mosaic's size is known; Dispose closes the file so it is playable.
/// </summary>
public sealed class VideoFileSink : IFrameSink
{
    private readonly string _path;
    private readonly FourCC _codec;
    private readonly double _fps;
    private VideoWriter? _writer;

    /// <exception cref="ArgumentException">The extension names no known container.</exception>
    public VideoFileSink(string path, double fps, bool lossless = false)
    {
        _codec = VideoCodec.ForPath(path, lossless);
        _path = path;
        _fps = fps;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public long FramesWritten { get; private set; }

    public void Write(Frame frame)
    {
        using var mosaic = MatFrames.Mosaic(frame);
        if (_writer is null)
        {
            _writer = new VideoWriter(_path, _codec, _fps, mosaic.Size());
            if (!_writer.IsOpened())
            {
                throw new IOException($"OpenCV could not open '{_path}' for writing ({_codec}, {mosaic.Width}x{mosaic.Height})");
            }
        }

        _writer.Write(mosaic);
        FramesWritten++;
    }

    public void Dispose()
    {
        _writer?.Release();
        _writer?.Dispose();
        _writer = null;
    }
}
