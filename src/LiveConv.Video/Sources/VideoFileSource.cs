using System.Globalization;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// A video file, decoded by OpenCV's FFmpeg backend. Real time: paced at the file's fps and live.
/// Damaged files: opening and every read are time-bounded (<see cref="DecoderWatchdog"/>); where decoding stops
/// before the container's frame count, the reader seeks past the damage to the next decodable frame and goes on,
/// counting what it skipped. A file of which no frame decodes is an error; one with some frames is not.
/// Decoding runs one frame ahead on the decoder's thread: while a frame is copied out and processed, the next one
/// is being decoded into the other of two images.
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    /// <summary>Generous for a local file: FFmpeg opens one in milliseconds, a 4K frame decodes in tens of them.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(10);

    private static readonly Lock OpenLock = new();
    private readonly DecoderWatchdog _watchdog;
    private readonly VideoCapture _capture;
    private readonly Func<bool>[] _reads;
    private readonly Func<string> _describeRead;
    private readonly string _path;
    private readonly long? _frameCount;
    private readonly Mat[] _images = [new(), new()];
    // Each image's container time, read on the decoder's thread right after it (the capture is not thread-safe).
    private readonly double[] _milliseconds = new double[2];
    private readonly Mat _scratch = new();
    private int _current;
    private long _next;
    private long _position;

    /// <exception cref="SourceException">The file is missing, OpenCV cannot decode it, or opening it hangs.</exception>
    public VideoFileSource(string path, bool realtime)
    {
        if (!File.Exists(path))
        {
            throw new SourceException($"video file '{path}' does not exist");
        }

        _path = path;
        FfmpegLog.Silence();
        _watchdog = new DecoderWatchdog(Path.GetFileName(path));
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

        _reads = [ReadInto(0), ReadInto(1)];
        _describeRead = () => string.Create(CultureInfo.InvariantCulture, $"decoding frame {_position} of '{_path}'");
        double fps = _capture.Fps is > 0 and < 1000 ? _capture.Fps : 30;
        _frameCount = _capture.FrameCount > 0 ? _capture.FrameCount : null;
        Info = new SourceInfo(Path.GetFileName(path), _capture.FrameWidth, _capture.FrameHeight, PixelFormat.Bgr, fps, realtime, _frameCount, Paced: realtime);
    }

    public SourceInfo Info { get; }

    /// <summary>Frames the container announced that could not be decoded: skipped over damage, or missing at the end.</summary>
    public long SkippedFrames { get; private set; }

    /// <exception cref="SourceException">No frame of the file decodes, or the decoder hangs.</exception>
    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_watchdog.Pending)
        {
            _watchdog.Start(_reads[_current], _describeRead);
        }

        if (!_watchdog.Wait(CallLimit, _describeRead) && !Resynchronize(cancellationToken))
        {
            if (_frameCount is { } count && count > _position)
            {
                SkippedFrames += count - _position;
                _position = count;
            }

            return _next == 0
                ? throw new SourceException($"'{_path}' opened as a {Info.Width}x{Info.Height} {Codec()} video but none of its frames could be decoded: "
                    + "OpenCV's FFmpeg has no decoder for this codec, or the file is damaged throughout")
                : false;
        }

        int decoded = _current;
        _current ^= 1;
        _watchdog.Start(_reads[_current], _describeRead);

        // The container's timestamp where it has one (variable frame rate), else the frame's place at the nominal fps.
        double ms = _milliseconds[decoded];
        MatFrames.CopyTo(_images[decoded], frame, _scratch);
        frame.SourceTime = ms > 0 || _next == 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(_position / Info.Fps);
        frame.Index = _next++;
        _position++;
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
            _images[0].Dispose();
            _images[1].Dispose();
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

    private Func<bool> ReadInto(int image) => () =>
    {
        bool read = _capture.Read(_images[image]) && !_images[image].Empty();
        _milliseconds[image] = _capture.PosMsec;
        return read;
    };

    /// <summary>
    /// After a failed read before the announced end: seeks to frames further and further ahead (1, 2, 4, … past the
    /// failure) until one decodes, so a damaged region costs its own frames, not the rest of the file.
    /// </summary>
    private bool Resynchronize(CancellationToken cancellationToken)
    {
        if (_frameCount is not { } count)
        {
            return false;
        }

        for (long step = 1; _position + step < count; step *= 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long target = _position + step;
            var read = _reads[_current];
            bool found = _watchdog.Run(() => _capture.Set(VideoCaptureProperties.PosFrames, target) && read(),
                CallLimit, () => string.Create(CultureInfo.InvariantCulture, $"seeking to frame {target} of '{_path}'"));
            if (found)
            {
                // Where the decoder really landed: seeking goes by keyframes, and the read moved one frame on.
                long landed = Math.Max(target, (long)_capture.PosFrames - 1);
                SkippedFrames += landed - _position;
                _position = landed;
                return true;
            }
        }

        return false;
    }
}
