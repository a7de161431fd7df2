using System.Globalization;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// A camera, asked for a size and fps, MJPG above 640x480 (raw formats do not fit USB 2 at 720p30), and a
/// one-frame buffer so what it hands over is fresh. Read through a <see cref="LatestFrameGrabber"/>: always the
/// newest frame, and a camera that stops answering for <see cref="StallLimit"/> counts as lost rather than hanging
/// the run. Live: the pipeline drops rather than queues.
/// </summary>
public sealed class CameraSource : IFrameSource
{
    /// <summary>Long enough for a camera's slowest exposure and its warm-up; a hung driver is caught after it.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(5);

    private readonly VideoCapture _capture;
    private readonly LatestFrameGrabber _grabber;
    private readonly Mat _scratch = new();
    private readonly TimeProvider _time;
    private long _started;
    private long _next;

    private CameraSource(VideoCapture capture, int index, TimeProvider time, (int Width, int Height)? size, double? askedFps)
    {
        Index = index;
        _capture = capture;
        _time = time;

        _grabber = new LatestFrameGrabber(image => _capture.Read(image) && !image.Empty(), StallLimit);

        double fps = capture.Fps is > 0 and < 1000 ? capture.Fps : 30;
        Info = new SourceInfo($"camera {index}", capture.FrameWidth, capture.FrameHeight, PixelFormat.Bgr, fps, true, null);
        string pixels = FourCcText((int)capture.Get(VideoCaptureProperties.FourCC));
        Given = string.Create(CultureInfo.InvariantCulture, $"{Info.Width}x{Info.Height} {pixels} at {fps:0.##} fps");
        Info = Info with { Given = Given };
        bool sizeGiven = size is not { } a || (a.Width == Info.Width && a.Height == Info.Height);
        bool fpsGiven = askedFps is not { } f || Math.Abs(f - fps) < 0.01;
        Asked = sizeGiven && fpsGiven ? "" : string.Join(" at ", new[]
        {
            size is { } s ? $"{s.Width}x{s.Height}" : null,
            askedFps is { } af ? string.Create(CultureInfo.InvariantCulture, $"{af:0.##} fps") : null,
        }.OfType<string>());
    }

    /// <summary>Its index: camera:Index.</summary>
    public int Index { get; }

    public SourceInfo Info { get; }

    /// <summary>What the camera gave, which may not be what was asked: "1280x720 MJPG at 30 fps".</summary>
    public string Given { get; }

    /// <summary>What was asked of it ("1920x1080 at 60 fps") when it gave something else; empty when it gave what was asked, or nothing was.</summary>
    public string Asked { get; }

    /// <summary>A FOURCC code as its four characters ("MJPG", "YUYV"); "unknown format" when the driver gives none.</summary>
    public static string FourCcText(int code)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            chars[i] = (char)((code >> (8 * i)) & 0xFF);
        }

        foreach (char c in chars)
        {
            if (c is < ' ' or > '~')
            {
                return "unknown format";
            }
        }

        return new string(chars).TrimEnd();
    }

    /// <summary>Opens camera <paramref name="index"/>; null when there is none (the caller says so and what to try).</summary>
    public static CameraSource? TryOpen(int index, int? width, int? height, double? fps, TimeProvider? time = null)
    {
        // On Windows, DirectShow: Media Foundation (the default) takes seconds to open a camera.
        var api = OperatingSystem.IsLinux() ? VideoCaptureAPIs.V4L2 : OperatingSystem.IsWindows() ? VideoCaptureAPIs.DSHOW : VideoCaptureAPIs.ANY;

        // A missing camera is an expected answer here, told in one line by the caller, not OpenCV's warnings.
        Cv2.SetLogLevel(LogLevel.ERROR);
        var capture = new VideoCapture(index, api);
        Cv2.SetLogLevel(LogLevel.WARNING);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            return null;
        }

        if (width is { } w && height is { } h)
        {
            if (w * h > 640 * 480)
            {
                capture.Set(VideoCaptureProperties.FourCC, FourCC.FromString("MJPG"));
            }

            capture.Set(VideoCaptureProperties.FrameWidth, w);
            capture.Set(VideoCaptureProperties.FrameHeight, h);
        }

        if (fps is { } f)
        {
            capture.Set(VideoCaptureProperties.Fps, f);
        }

        capture.Set(VideoCaptureProperties.BufferSize, 1);
        return new CameraSource(capture, index, time ?? TimeProvider.System, width is { } sw && height is { } sh ? (sw, sh) : null, fps);
    }

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        Mat image;
        long number;
        bool read;
        try
        {
            read = _grabber.TryTake(cancellationToken, out image, out number);
        }
        catch (TimeoutException e)
        {
            throw new SourceException($"{Info.Name} gave {e.Message} (covered, asleep, or its driver hung?)", e);
        }

        if (!read)
        {
            throw new SourceException($"{Info.Name} stopped giving frames (unplugged, or taken by another program?)");
        }

        if (_next == 0)
        {
            _started = _time.GetTimestamp();
        }

        MatFrames.CopyTo(image, frame, _scratch);
        frame.Index = number;
        _next = number + 1;
        frame.SourceTime = _time.GetElapsedTime(_started);
        return true;
    }

    public void Dispose()
    {
        // The grab loop stops at its next frame; then the device can go, unless the loop is stuck in it.
        _grabber.Dispose();
        if (!_grabber.Abandoned)
        {
            _capture.Dispose();
        }

        _scratch.Dispose();
    }
}
