using System.Globalization;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// A video file, decoded by OpenCV's FFmpeg backend: every frame FFmpeg decodes, once, in presentation order, each
/// with its container timestamp (<see cref="Frame.SourceTime"/>, from the stream's start). The file is read straight
/// through and never seeks. Real time: paced at the file's fps and live.
/// <para>Damage: OpenCV's grab gives up on a packet the decoder rejects (<c>avcodec_send_packet</c> &lt; 0 ends it
/// with false) but the demuxer has moved past that packet, so the next read goes on after it; only a long run of
/// failed reads in a row (<see cref="EndAfterFailures"/>) is the end. Where frames were lost shows as a gap in the
/// timestamps after failed reads (<see cref="DamageTracker"/>). A file of which no frame decodes is an error.</para>
/// <para>Decoding runs ahead on the decoder's thread, time-bounded (<see cref="DecoderWatchdog"/>): <see cref="Window"/>
/// frames are held decoded, which gives the frame rate from their timestamps before the first frame is handed out
/// (<see cref="FrameRateEstimate"/>) and puts a frame the decoder returns late back in order (<see cref="ReorderWindow{T}"/>).</para>
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    /// <summary>Generous for a local file: FFmpeg opens one in milliseconds, a 4K frame decodes in tens of them.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(10);

    /// <summary>Frames held decoded ahead of the one handed out.</summary>
    public const int Window = 5;

    /// <summary>
    /// Failed reads in a row taken as the end of the stream. Every failed read inside a file consumes at least one
    /// packet, so this is the longest undecodable stretch crossed (about 20 s at 25 fps); at the real end each
    /// failed read returns at once (FFmpeg's end of file), so the bound costs a few milliseconds per file.
    /// </summary>
    public const int EndAfterFailures = 512;

    /// <summary>
    /// Frames after a failed read in which a gap in the timestamps is put down to it: FFmpeg's frame-threaded decoders
    /// (OpenCV asks for one thread per core, up to 16) still return the frames in flight, B-frames come reordered,
    /// and <see cref="Window"/> more are held here.
    /// </summary>
    private const int DamageReach = 16 + 16 + Window;

    private static readonly Lock OpenLock = new();
    private readonly DecoderWatchdog _watchdog;
    private readonly VideoCapture _capture;
    private readonly Func<bool> _read;
    private readonly Func<string> _describeRead;
    private readonly string _path;
    private readonly ReorderWindow<Mat> _window = new();
    private readonly Stack<Mat> _spare = new();
    private readonly Mat _scratch = new();
    private readonly double _nominalIntervalMs;
    private readonly DamageTracker? _damage;
    private Mat _decoding = new();
    // The image's container time, read on the decoder's thread right after it (the capture is not thread-safe).
    private double _decodedMs;
    // FFmpeg logged errors since the previous read: the frame came, but decoding around it failed.
    private bool _decodeErrors;
    private long _errorsSeen;
    private double? _lastArrivalMs;
    private int _failures;
    private bool _failedSinceFrame;
    private bool _failedBeforeFirstFrames;
    private bool _ended;
    private long _next;

    /// <exception cref="SourceException">The file is missing, OpenCV cannot decode it, none of its frames decodes, or the decoder hangs.</exception>
    public VideoFileSource(string path, bool realtime)
    {
        if (!File.Exists(path))
        {
            throw new SourceException($"video file '{path}' does not exist");
        }

        _path = path;
        _watchdog = new DecoderWatchdog(Path.GetFileName(path));
        // Before the first open too: a file FFmpeg cannot open ("moov atom not found") gets our one line, not its log.
        FfmpegLog.Install();
        try
        {
            VideoCapture? opened = null;
            _watchdog.Run(() => (opened = Open(path)) is not null, CallLimit, () => $"opening '{path}'");
            _capture = opened!;
        }
        catch
        {
            _watchdog.Dispose();
            throw;
        }

        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            _watchdog.Dispose();
            throw new SourceException(new FileInfo(path).Length == 0
                ? $"video file '{path}' is empty (0 bytes)"
                : $"OpenCV's FFmpeg backend could not open '{path}' as a video: not a video file, "
                + "an unsupported codec, or damaged (an .mp4 cut short has lost its index)");
        }

        FfmpegLog.Install();
        // The count is the process's: errors from files read earlier are not this one's.
        _errorsSeen = FfmpegLog.Errors;
        _read = () =>
        {
            bool read = _capture.Read(_decoding) && !_decoding.Empty();
            _decodedMs = _capture.PosMsec;
            long errors = FfmpegLog.Errors;
            _decodeErrors = errors > _errorsSeen;
            _errorsSeen = errors;
            return read;
        };
        _describeRead = () => string.Create(CultureInfo.InvariantCulture, $"decoding frame {_next + _window.Count} of '{_path}'");
        // What the container states (CAP_PROP_FPS, often wrong); Info.Fps is the rate the timestamps show.
        double headerFps = _capture.Fps;
        _nominalIntervalMs = 1000 / (headerFps is > 0 and < 1000 ? headerFps : FrameRateEstimate.Fallback);
        try
        {
            Fill(CancellationToken.None);
        }
        catch
        {
            Dispose();
            throw;
        }

        if (_window.Count == 0)
        {
            string message = $"'{path}' opened as a {_capture.FrameWidth}x{_capture.FrameHeight} {Codec()} video but none of its frames could be decoded: "
                + "OpenCV's FFmpeg has no decoder for this codec, or the file is damaged throughout";
            Dispose();
            throw new SourceException(message);
        }

        double fps = FrameRateEstimate.From([.. _window.Timestamps], headerFps);
        _damage = new DamageTracker(1000 / fps, DamageReach);
        if (_failedBeforeFirstFrames)
        {
            _damage.Failed();
        }

        var first = _window.Items.First();
        // The container's count at its own rate, rescaled to the real one: only what the progress bar expects.
        long? expected = _capture.FrameCount > 0 && headerFps > 0 ? (long)Math.Round(_capture.FrameCount * fps / headerFps) : null;
        Info = new SourceInfo(Path.GetFileName(path), first.Width, first.Height, PixelFormat.Bgr, fps, realtime, expected, Paced: realtime);
    }

    public SourceInfo Info { get; }

    /// <summary>Where decoding failed and frames were lost, so far, in order.</summary>
    public IReadOnlyList<DamagedRegion> Damage => _damage?.Regions ?? [];

    /// <summary>Frames handed out so far.</summary>
    public long FramesRead => _next;

    /// <exception cref="SourceException">The decoder hangs.</exception>
    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        Fill(cancellationToken);
        if (_window.Count == 0)
        {
            _damage!.Ended();
            return false;
        }

        var (ms, image) = _window.TakeEarliest();
        if (!_ended && !_watchdog.Pending)
        {
            // The next frame decodes while this one is copied out and processed.
            _watchdog.Start(_read, _describeRead);
        }

        _damage!.Emitted(ms);
        MatFrames.CopyTo(image, frame, _scratch);
        _spare.Push(image);
        frame.SourceTime = TimeSpan.FromMilliseconds(ms);
        frame.Index = _next++;
        return true;
    }

    public void Dispose()
    {
        // The frame decoded ahead is not wanted; the capture is freed once that call is over.
        if (_watchdog.Pending && !_watchdog.Hung)
        {
            try
            {
                _watchdog.Wait(CallLimit, _describeRead);
            }
            catch (SourceException)
            {
                // Stuck: Hung is set, and the capture is left alone below.
            }
        }

        // A capture still in use by a stuck call is left to the process's end rather than freed under it.
        if (!_watchdog.Hung)
        {
            _capture.Dispose();
            _decoding.Dispose();
            foreach (var image in _window.Items.Concat(_spare))
            {
                image.Dispose();
            }

            _scratch.Dispose();
        }

        _watchdog.Dispose();
    }

    private static VideoCapture Open(string path)
    {
        // A file OpenCV cannot open gets our one-line message, not its backend warnings too. The level is global: a
        // batch opens files on two threads, and one must not restore it while the other is opening.
        lock (OpenLock)
        {
            Cv2.SetLogLevel(LogLevel.ERROR);
            try
            {
                return new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
            }
            finally
            {
                Cv2.SetLogLevel(LogLevel.WARNING);
            }
        }
    }

    /// <summary>The stream's codec as a FourCC (e.g. AV01, h264), for messages.</summary>
    private string Codec()
    {
        int code = (int)_capture.Get(VideoCaptureProperties.FourCC);
        var text = new string([.. Enumerable.Range(0, 4).Select(i => (char)((code >> (8 * i)) & 0xFF))]).Trim('\0', ' ');
        return text.All(char.IsAsciiLetterOrDigit) && text.Length > 0 ? text : "unknown-codec";
    }

    /// <summary>Decodes until <see cref="Window"/> frames are held or the stream has ended.</summary>
    private void Fill(CancellationToken cancellationToken)
    {
        while (!_ended && _window.Count < Window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_watchdog.Pending)
            {
                _watchdog.Start(_read, _describeRead);
            }

            if (!_watchdog.Wait(CallLimit, _describeRead))
            {
                _failedSinceFrame = true;
                _ended = ++_failures >= EndAfterFailures;
                continue;
            }

            // OpenCV gives 0 ms for a frame without a timestamp; after the first frame that means "one frame on".
            double ms = _decodedMs > 0 || _lastArrivalMs is null ? _decodedMs : _lastArrivalMs.Value + _nominalIntervalMs;
            if (_failedSinceFrame || _decodeErrors)
            {
                // During the first fill the rate, and so the tracker, is not known yet.
                if (_damage is null)
                {
                    _failedBeforeFirstFrames = true;
                }
                else
                {
                    _damage.Failed();
                }

                _failedSinceFrame = false;
            }

            _failures = 0;
            _lastArrivalMs = ms;
            var image = _decoding;
            _decoding = _spare.Count > 0 ? _spare.Pop() : new Mat();
            if (!_window.Add(ms, image))
            {
                _spare.Push(image);
            }
        }
    }
}
