using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>A video file, decoded by OpenCV's FFmpeg backend. Real time: paced at the file's fps and live.</summary>
public sealed class VideoFileSource : IFrameSource
{
    private readonly VideoCapture _capture;
    private readonly Mat _image = new();
    private readonly Mat _scratch = new();
    private long _next;

    /// <exception cref="SourceException">The file is missing or OpenCV cannot decode it.</exception>
    public VideoFileSource(string path, bool realtime)
    {
        if (!File.Exists(path))
        {
            throw new SourceException($"video file '{path}' does not exist");
        }

        // A file OpenCV cannot open gets our one-line message, not its backend warnings too.
        Cv2.SetLogLevel(LogLevel.ERROR);
        _capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        Cv2.SetLogLevel(LogLevel.WARNING);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new SourceException($"OpenCV could not open '{path}' as a video");
        }

        double fps = _capture.Fps is > 0 and < 1000 ? _capture.Fps : 30;
        long? count = _capture.FrameCount > 0 ? _capture.FrameCount : null;
        Info = new SourceInfo(Path.GetFileName(path), _capture.FrameWidth, _capture.FrameHeight, PixelFormat.Bgr, fps, realtime, count, Paced: realtime);
    }

    public SourceInfo Info { get; }

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_capture.Read(_image) || _image.Empty())
        {
            return false;
        }

        // The container's timestamp where it has one (variable frame rate), else the frame's place at the nominal fps.
        double ms = _capture.PosMsec;
        MatFrames.CopyTo(_image, frame, _scratch);
        frame.SourceTime = ms > 0 || _next == 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(_next / Info.Fps);
        frame.Index = _next++;
        return true;
    }

    public void Dispose()
    {
        _capture.Dispose();
        _image.Dispose();
        _scratch.Dispose();
    }
}
