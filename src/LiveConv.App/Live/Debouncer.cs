namespace LiveConv.App.Live;

/// <summary>
/// Runs an action once a burst of pokes has settled: every poke restarts the quiet period. On the injected clock, so
/// a test drives it with a fake one; the action runs on a timer thread.
/// </summary>
public sealed class Debouncer : IDisposable
{
    private readonly TimeSpan _quiet;
    private readonly ITimer _timer;

    public Debouncer(TimeProvider time, TimeSpan quiet, Action settled)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settled);
        _quiet = quiet;
        _timer = time.CreateTimer(_ => settled(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Poke() => _timer.Change(_quiet, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();
}
