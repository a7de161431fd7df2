using System.Runtime.ExceptionServices;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Half of a mosaic's map tiles, painted on a helper thread while the render thread paints the other half, the
/// input and the HUD: the engine uses both cores for each frame, so painting on one thread made rendering the slower
/// stage. Whoever claims the half first paints it, so the render thread does it itself when the helper has not come
/// by then (busy with another renderer's half, or not scheduled), and a frame never waits for a thread to start.
/// One helper thread for the process, handed the halves in a queue linked through the halves themselves: not the
/// thread pool, whose queue allocates a segment now and then on the thread that queues. Nothing is allocated per frame.
/// </summary>
internal sealed class MapHalf(Action<TilePainter> paint)
{
    private readonly TilePainter _painter = new();
    // A monitor, not a ManualResetEventSlim: that one allocates its lock the first time it has to block, which may be
    // any frame.
    private readonly object _gate = new();
    private bool _painted;
    private int _claimed = 1;
    private Exception? _error;
    // The helper's queue, guarded by its lock: the next half in it, and whether this one is in it.
    private MapHalf? _next;
    private bool _queued;

    /// <summary>
    /// What the helper thread has allocated, as of the last half it painted (counted before that half's Finish returns):
    /// the allocation test counts it thread by thread, so nothing else in the process can add to it.
    /// </summary>
    internal static long HelperAllocatedBytes => Volatile.Read(ref Helper.AllocatedBytes);

    /// <summary>How many halves the helper thread has painted: the allocation test needs it to have painted some.</summary>
    internal static long HelperHalves => Volatile.Read(ref Helper.Halves);

    /// <summary>Offers the half to the helper; what <c>paint</c> reads must be in place before.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _painted = false;
        }

        Volatile.Write(ref _claimed, 0);
        Helper.Offer(this);
    }

    /// <summary>Returns once the half is painted: by the helper thread if it claimed it, or here.</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            paint(_painter);
            return;
        }

        lock (_gate)
        {
            while (!_painted)
            {
                Monitor.Wait(_gate);
            }
        }

        if (_error is { } error)
        {
            _error = null;
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private void Execute()
    {
        // A half the render thread finished itself (an earlier frame's, or this one's) is claimed already.
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            return;
        }

        try
        {
            paint(_painter);
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            // Before Finish can return: a frame's allocation on this thread is counted by the time the frame is done.
            Volatile.Write(ref Helper.AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            Interlocked.Increment(ref Helper.Halves);
            lock (_gate)
            {
                _painted = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// The one background thread, taking the offered halves in order (renderers of a batch share it). A half is in the
    /// queue at most once: an offer while it waits there is the same offer, as whichever frame is current when the
    /// helper comes is the one it claims. So the queue needs no bound and never drops an offer. (A 16-slot ring did:
    /// a renderer whose frames were quick filled it with offers of halves it had painted itself, and another
    /// renderer's offer, dropped, was never taken: its frame waited for nothing, or its render thread painted alone.)
    /// </summary>
    private static class Helper
    {
        internal static long AllocatedBytes, Halves;
        private static readonly object Gate = new();
        private static MapHalf? _first, _last;
        private static Thread? _thread;

        public static void Offer(MapHalf half)
        {
            lock (Gate)
            {
                if (half._queued)
                {
                    return;
                }

                half._queued = true;
                if (_last is null)
                {
                    _first = half;
                }
                else
                {
                    _last._next = half;
                }

                _last = half;
                if (_thread is null)
                {
                    _thread = new Thread(Run) { IsBackground = true, Name = "LiveConv map tiles" };
                    _thread.Start();
                }

                Monitor.Pulse(Gate);
            }
        }

        private static void Run()
        {
            while (true)
            {
                MapHalf half;
                lock (Gate)
                {
                    while (_first is null)
                    {
                        Monitor.Wait(Gate);
                    }

                    half = _first;
                    _first = half._next;
                    if (_first is null)
                    {
                        _last = null;
                    }

                    half._next = null;
                    half._queued = false;
                }

                half.Execute();
            }
        }
    }
}
