namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Blocks a thread for a span of the pipeline's clock: a timer of the injected <see cref="TimeProvider"/> sets an
/// event, so a test's fake clock drives pacing exactly as the real one does (a <see cref="WaitHandle"/> timeout would
/// always wait on the machine's clock). One timer and one event serve every wait: nothing is allocated per frame.
/// </summary>
internal sealed class ClockWait : IDisposable
{
    private readonly ManualResetEventSlim _due = new(false);
    private readonly ITimer _timer;

    public ClockWait(TimeProvider time) =>
        _timer = time.CreateTimer(static due => ((ManualResetEventSlim)due!).Set(), _due, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Returns once <paramref name="span"/> has passed on the clock; at once for a span of zero or less.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public void Wait(TimeSpan span, CancellationToken cancellationToken)
    {
        if (span <= TimeSpan.Zero)
        {
            return;
        }

        // The previous wait ended with the event set by its timer (or by a cancellation, after which no wait follows).
        _due.Reset();
        _timer.Change(span, Timeout.InfiniteTimeSpan);
        _due.Wait(cancellationToken);
    }

    /// <summary>
    /// Stops the timer. The event is left to the GC (it holds no kernel handle until someone asks for one): a timer
    /// callback already on its way when the timer is disposed may still set it.
    /// </summary>
    public void Dispose() => _timer.Dispose();
}
