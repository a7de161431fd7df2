using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Video.Sources;

/// <summary>
/// <c>--on-source-loss retry</c>: a live source that fails (a camera unplugged, or giving empty frames) is closed
/// and opened again, once every <see cref="RetryInterval"/>, until it comes back or the run is stopped; the frames
/// in between are simply not there. Each loss and each return is reported in one line. Frame indices keep
/// counting up across reconnections, so the outputs never see an index twice. Without this wrapper a lost source
/// ends the run, with every output finalized.
/// </summary>
public sealed class ReconnectingSource : IFrameSource
{
    private readonly Func<IFrameSource> _open;
    private readonly Action<string> _report;
    private IFrameSource? _inner;
    private long _offset;
    private long _next;
    private string? _status;

    /// <param name="first">The source, already opened.</param>
    /// <param name="open">Opens the source again; throws <see cref="SourceException"/> while it is not back.</param>
    /// <param name="report">Told each loss and each reconnection, in one line.</param>
    public ReconnectingSource(IFrameSource first, Func<IFrameSource> open, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(report);
        _inner = first;
        _open = open;
        _report = report;
        Info = first.Info;
    }

    public static TimeSpan RetryInterval { get; } = TimeSpan.FromSeconds(1);

    public SourceInfo Info { get; }

    /// <summary>How many times the source was lost.</summary>
    public int Losses { get; private set; }

    /// <summary>While the source is away, a line saying so for the HUD (read from any thread); null while it gives frames.</summary>
    public string? Status => Volatile.Read(ref _status);

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _inner ??= Reopen(cancellationToken);
            try
            {
                if (!_inner.Read(frame, cancellationToken))
                {
                    return false;
                }

                frame.Index += _offset;
                _next = frame.Index + 1;
                return true;
            }
            catch (SourceException e)
            {
                Losses++;
                Volatile.Write(ref _status, $"{Info.Name} lost: reconnecting every {RetryInterval.TotalSeconds:0} s");
                _report($"{Info.Name} lost: {e.Message}; reconnecting every {RetryInterval.TotalSeconds:0} s (Ctrl+C stops)");
                _inner.Dispose();
                _inner = null;
            }
        }
    }

    public void Dispose() => _inner?.Dispose();

    private IFrameSource Reopen(CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            IFrameSource source;
            try
            {
                source = _open();
            }
            catch (SourceException)
            {
                Volatile.Write(ref _status, $"{Info.Name} lost: reconnecting every {RetryInterval.TotalSeconds:0} s, {attempt} attempt{(attempt == 1 ? "" : "s")} so far");
                cancellationToken.WaitHandle.WaitOne(RetryInterval);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            if (source.Info.Width != Info.Width || source.Info.Height != Info.Height)
            {
                // The network's shapes follow the frame size: a source back at another size cannot continue this run.
                source.Dispose();
                throw new SourceException($"{Info.Name} came back at {source.Info.Width}x{source.Info.Height}, not {Info.Width}x{Info.Height}; restart liveconv");
            }

            _offset = _next;
            Volatile.Write(ref _status, null);
            _report($"{Info.Name} is back after {attempt} attempt{(attempt == 1 ? "" : "s")}");
            return source;
        }
    }
}
