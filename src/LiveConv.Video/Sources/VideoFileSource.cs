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
    private readonly TimeProvider _time;
    private long _started;
    private long _next;

    /// <exception cref="SourceException">The file is missing or OpenCV cannot decode it.</exception>
    public VideoFileSource(string path, bool realtime, TimeProvider? time = null)
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

        _time = time ?? TimeProvider.System;
        double fps = _capture.Fps is > 0 and < 1000 ? _capture.Fps : 30;
        long? count = _capture.FrameCount > 0 ? _capture.FrameCount : null;
        Info = new SourceInfo(Path.GetFileName(path), _capture.FrameWidth, _capture.FrameHeight, PixelFormat.Bgr, fps, realtime, count);
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
        var due = ms > 0 || _next == 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(_next / Info.Fps);
        if (Info.IsLive)
        {
            if (_next == 0)
            {
                _started = _time.GetTimestamp();
            }

            var wait = due - _time.GetElapsedTime(_started);
            if (wait > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(wait))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        MatFrames.CopyTo(_image, frame, _scratch);
        frame.Index = _next++;
        frame.SourceTime = due;
        return true;
    }

    public void Dispose()
    {
        _capture.Dispose();
        _image.Dispose();
        _scratch.Dispose();
    }
}
