using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// For capture backends that ignore the one-frame buffer request and queue frames: a thread grabs continuously and
/// only the newest frame is kept, so a slow reader gets fresh frames, not a backlog. Three images rotate (being
/// grabbed, newest, being read): no copy, no allocation per frame.
/// </summary>
public sealed class LatestFrameGrabber : IDisposable
{
    private readonly Func<Mat, bool> _grab;
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
    public LatestFrameGrabber(Func<Mat, bool> grab)
    {
        _grab = grab;
        _thread = new Thread(Loop) { IsBackground = true, Name = "LiveConv camera grab" };
        _thread.Start();
    }

    /// <summary>
    /// Waits for a frame newer than the last one taken; the image stays valid until the next call. False when the
    /// device stopped and every frame was taken.
    /// </summary>
    /// <param name="number">The frame's number among all grabbed: gaps are the frames nobody read.</param>
    public bool TryTake(CancellationToken cancellationToken, out Mat image, out long number)
    {
        lock (_gate)
        {
            while (_newestNumber == _taken && !_ended)
            {
                cancellationToken.ThrowIfCancellationRequested();
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

    public void Dispose()
    {
        _disposed = true;
        _thread.Join();
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
