namespace LiveConv.App.Running;

/// <summary>
/// The first Ctrl+C, SIGTERM or SIGHUP as a cancellation: the run stops cleanly and its outputs are finalized. A
/// second Ctrl+C is not caught, so a run that does not stop can still be ended from the keyboard.
/// </summary>
public sealed class StopRequest : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TerminationSignals _signals;

    public StopRequest()
    {
        Console.CancelKeyPress += OnCtrlC;
        _signals = new TerminationSignals(_stop.Cancel);
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>Stops the run as a signal would (the window's q).</summary>
    public void Request() => _stop.Cancel();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCtrlC;
        _signals.Dispose();
        _stop.Dispose();
    }

    private void OnCtrlC(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = !_stop.IsCancellationRequested;
        _stop.Cancel();
    }
}
