namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Holds the capture while the viewer pauses, so a paused video stays where it is instead of playing on unseen.
/// Set from the window's thread, waited on by the capture thread.
/// </summary>
public sealed class PauseGate
{
    // A plain object, not a Lock: the waiting uses Monitor.Wait and PulseAll.
    private readonly object _lock = new();
    private bool _paused;

    public void Set(bool paused)
    {
        lock (_lock)
        {
            _paused = paused;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Returns at once when not paused; otherwise blocks until resumed or cancelled.</summary>
    /// <returns>Whether it held.</returns>
    /// <exception cref="OperationCanceledException">Cancelled while paused.</exception>
    public bool WaitWhilePaused(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_paused)
            {
                return false;
            }

            while (_paused)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Woken by Set; the timeout is for cancellation, checked a few times a second.
                Monitor.Wait(_lock, 50);
            }

            return true;
        }
    }
}
