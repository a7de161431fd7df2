using System.Globalization;
using LiveConv.App.Running;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using LiveConv.Video.Sinks;

namespace LiveConv.App.Live;

/// <summary>
/// The v key: each recording goes to a new file in a folder (made on the first one), named from the local clock
/// (<see cref="NextPath"/>), never over an earlier file. A folder that cannot be made or written, or a write that
/// fails, ends the recording with a <c>cannot record: …</c> message; the live view goes on. One of the pipeline's
/// sinks: frames are encoded and written on the sink thread while the window's thread starts and stops it.
/// </summary>
public sealed class Recorder : IFrameSink
{
    private readonly object _gate = new();
    private string? _failure;
    private readonly string _directory;
    private readonly double _fps;
    private readonly TimeProvider _clock;
    private VideoFileSink? _sink;

    /// <param name="directory">Where the recordings go.</param>
    /// <param name="fps">The source's rate, written into the files.</param>
    /// <param name="clock">Its local time names the files.</param>
    public Recorder(string directory, double fps, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        _directory = directory;
        _fps = fps;
        _clock = clock;
    }

    /// <summary>The file being recorded (written as its .partial.mkv until stopped); null when not recording.</summary>
    public string? FilePath { get; private set; }

    /// <summary>
    /// <c>recording_yyyyMMdd_HHmmss.mkv</c> in <paramref name="directory"/>, or <c>_2</c>, <c>_3</c>, … added when that
    /// name is taken, by a file or by the partial file of a recording that was killed.
    /// </summary>
    public static string NextPath(string directory, DateTime localTime)
    {
        string stem = Path.Combine(directory, localTime.ToString("'recording_'yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
        for (int n = 1; ; n++)
        {
            string path = n == 1 ? stem + ".mkv" : string.Create(CultureInfo.InvariantCulture, $"{stem}_{n}.mkv");
            if (!File.Exists(path) && !Directory.Exists(path) && !File.Exists(PartialFile.PathFor(path)))
            {
                return path;
            }
        }
    }

    /// <summary>Starts a recording, or stops the one running.</summary>
    /// <returns>What happened, for the HUD and the log.</returns>
    public string Toggle()
    {
        lock (_gate)
        {
            return FilePath is null ? Start() : Finalized();
        }
    }

    /// <summary>Why the recording ended on the sink thread, once; null if it did not.</summary>
    public string? TakeFailure() => Interlocked.Exchange(ref _failure, null);

    /// <summary>As a sink: the failure waits for <see cref="TakeFailure"/>.</summary>
    void IFrameSink.Write(Frame frame)
    {
        if (Write(frame) is { } failure)
        {
            Volatile.Write(ref _failure, failure);
        }
    }

    /// <summary>Adds a frame's mosaic to the recording, if one is running.</summary>
    /// <returns>Null, or why the recording ended (it is stopped and its partial file removed).</returns>
    public string? Write(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate)
        {
            return _sink is null || frame.MosaicWidth == 0 ? null : Add(_sink, frame);
        }
    }

    private string? Add(VideoFileSink sink, Frame frame)
    {
        try
        {
            sink.Write(frame);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder that refused the frame may refuse removing the partial file too; the first error is the one to say.
            Finish();
            return $"cannot record: {e.Message}";
        }
    }

    /// <summary>Finishes the recording running (the file gets its final name); what happened, or "" when none was.</summary>
    public string Stop()
    {
        lock (_gate)
        {
            return Finalized();
        }
    }

    public void Dispose() => Stop();

    private string Finalized()
    {
        if (_sink is null)
        {
            return "";
        }

        var sink = _sink;
        string path = FilePath!;
        if (Finish() is { } error)
        {
            return $"recording failed: {error.Message}";
        }

        return sink.Completed
            ? string.Create(CultureInfo.InvariantCulture, $"recording stopped: {sink.FramesWritten} frame{(sink.FramesWritten == 1 ? "" : "s")} in {path}")
            : "recording stopped: no frames, no file written";
    }

    /// <summary>Closes the running recording (renamed when complete, removed when it failed); the error closing it, if any.</summary>
    private Exception? Finish()
    {
        var sink = _sink!;
        _sink = null;
        FilePath = null;
        try
        {
            sink.Dispose();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    private string Start()
    {
        if (OutputPreflight.FolderProblem(Path.GetFullPath(_directory)) is { } problem)
        {
            return $"cannot record: {problem}";
        }

        string path = NextPath(_directory, _clock.GetLocalNow().DateTime);
        try
        {
            _sink = new VideoFileSink(path, _fps);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return $"cannot record: {e.Message}";
        }

        FilePath = path;
        return $"recording to {path}";
    }
}
