using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// A thread grabs from the device continuously and only the newest frame is kept, so a slow reader gets fresh frames,
/// not a backlog (some backends ignore the one-frame buffer request), and a device that stops answering cannot hang
/// the reader: it waits at most a time limit. Three images rotate (being grabbed, newest, being read): no copy, no
/// allocation per frame.
/// </summary>
public sealed class LatestFrameGrabber : IDisposable
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(2);
    private readonly Func<Mat, bool> _grab;
    private readonly TimeSpan _stallLimit;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private Mat _grabbing = new();
    private Mat _newest = new();
    private Mat _reading = new();
    private long _grabbed;
    private long _newestNumber = -1;
    private long _taken = -1;
    private bool _ended;
    private volatile bool _disposed;

    /// <param name="grab">Reads the next frame into the image; false when the device stops.</param>
    /// <param name="stallLimit">How long a reader waits for a new frame before it gives up on the device.</param>
    public LatestFrameGrabber(Func<Mat, bool> grab, TimeSpan stallLimit)
    {
        _grab = grab;
        _stallLimit = stallLimit;
        _thread = new Thread(Loop) { IsBackground = true, Name = "LiveConv camera grab" };
        _thread.Start();
    }

    /// <summary>
    /// Waits for a frame newer than the last one taken; the image stays valid until the next call. False when the
    /// device stopped and every frame was taken.
    /// </summary>
    /// <param name="number">The frame's number among all grabbed: gaps are the frames nobody read.</param>
    /// <exception cref="TimeoutException">No new frame came within the stall limit.</exception>
    public bool TryTake(CancellationToken cancellationToken, out Mat image, out long number)
    {
        long waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_gate)
        {
            while (_newestNumber == _taken && !_ended)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (System.Diagnostics.Stopwatch.GetElapsedTime(waiting) > _stallLimit)
                {
                    throw new TimeoutException($"no frame for {_stallLimit.TotalSeconds:0.#} s");
                }

                Monitor.Wait(_gate, 50);
            }

            if (_newestNumber == _taken)
            {
                image = _reading;
                number = _taken;
                return false;
            }

            (_reading, _newest) = (_newest, _reading);
            _taken = _newestNumber;
            image = _reading;
            number = _taken;
            return true;
        }
    }

    /// <summary>True when Dispose found the grab thread stuck in the device: it and its images are left to the process's end.</summary>
    public bool Abandoned { get; private set; }

    public void Dispose()
    {
        _disposed = true;
        if (!_thread.Join(JoinLimit))
        {
            Abandoned = true;
            return;
        }

        _grabbing.Dispose();
        _newest.Dispose();
        _reading.Dispose();
    }

    private void Loop()
    {
        while (!_disposed)
        {
            if (!_grab(_grabbing))
            {
                break;
            }

            lock (_gate)
            {
                (_grabbing, _newest) = (_newest, _grabbing);
                _newestNumber = _grabbed++;
                Monitor.PulseAll(_gate);
            }
        }

        lock (_gate)
        {
            _ended = true;
            Monitor.PulseAll(_gate);
        }
    }
}
