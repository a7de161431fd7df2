using System.Runtime.ExceptionServices;

namespace LiveConv.Video.Sources;

/// <summary>
/// Runs a decoder's calls on a thread of its own and waits for each at most a time limit. A native decoder that
/// hangs (a FIFO given as a file, a demuxer looping on damaged data) cannot be interrupted, so on a timeout the
/// call is abandoned on its background thread and the caller gets a <see cref="SourceException"/> instead of a hang.
/// </summary>
internal sealed class DecoderWatchdog : IDisposable
{
    private readonly SemaphoreSlim _requested = new(0);
    private readonly SemaphoreSlim _finished = new(0);
    private Func<bool>? _call;
    private bool _result;
    private ExceptionDispatchInfo? _error;

    public DecoderWatchdog(string name)
    {
        // Background: a decoder stuck in native code must not keep the process alive after Main returns.
        new Thread(Loop) { IsBackground = true, Name = $"decoder {name}" }.Start();
    }

    /// <summary>True once a call overran its limit: the decoder is still busy on the abandoned call.</summary>
    public bool Hung { get; private set; }

    /// <summary>True between <see cref="Start"/> and the <see cref="Wait"/> that collects the call.</summary>
    public bool Pending { get; private set; }

    /// <summary><see cref="Start"/> then <see cref="Wait"/>.</summary>
    /// <exception cref="SourceException">The call did not return within <paramref name="limit"/>, or an earlier one did not.</exception>
    public bool Run(Func<bool> call, TimeSpan limit, Func<string> what)
    {
        Start(call, what);
        return Wait(limit, what);
    }

    /// <summary>Hands the call to the decoder thread and returns at once: the caller goes on meanwhile.</summary>
    /// <param name="call">Held in a field by the caller where it runs per frame: no allocation per call.</param>
    /// <param name="what">Called only on a failure, to say what was being done.</param>
    /// <exception cref="SourceException">An earlier call is still stuck.</exception>
    public void Start(Func<bool> call, Func<string> what)
    {
        if (Hung)
        {
            throw new SourceException($"{what()}: the decoder is still stuck on an earlier call");
        }

        if (Pending)
        {
            throw new InvalidOperationException("the previous call was not collected");
        }

        _call = call;
        Pending = true;
        _requested.Release();
    }

    /// <summary>The started call's result, waiting for it at most <paramref name="limit"/>; its exception is rethrown.</summary>
    /// <param name="what">Called only on a timeout, to say what was being done.</param>
    /// <exception cref="SourceException">The call did not return within <paramref name="limit"/>.</exception>
    public bool Wait(TimeSpan limit, Func<string> what)
    {
        if (!Pending)
        {
            throw new InvalidOperationException("no call was started");
        }

        if (!_finished.Wait(limit))
        {
            Hung = true;
            throw new SourceException($"{what()} did not finish within {limit.TotalSeconds:0} s; the decoder seems stuck (is it a pipe or a file still being written?)");
        }

        Pending = false;
        _error?.Throw();
        return _result;
    }

    public void Dispose()
    {
        if (!Hung)
        {
            _call = null;
            _requested.Release();
        }
    }

    private void Loop()
    {
        while (true)
        {
            _requested.Wait();
            var call = _call;
            if (call is null)
            {
                return;
            }

            try
            {
                _error = null;
                _result = call();
            }
            catch (Exception e)
            {
                // Handed to the waiting caller, which rethrows it with its original stack.
                _error = ExceptionDispatchInfo.Capture(e);
            }

            _finished.Release();
        }
    }
}
