using System.Runtime.ExceptionServices;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Half of a mosaic's map tiles, painted on a thread-pool thread while the render thread paints the other half, the
/// input and the HUD: the engine uses both cores for each frame, so painting on one thread made rendering the slower
/// stage. Whoever claims the half first paints it, so the render thread does it itself when no pool thread has
/// come by then, and a busy pool never stalls a frame. Queued as itself, with its own painter: nothing is allocated
/// per frame.
/// </summary>
internal sealed class MapHalf(Action<TilePainter> paint) : IThreadPoolWorkItem
{
    private readonly TilePainter _painter = new();
    private readonly ManualResetEventSlim _done = new(false);
    private int _claimed = 1;
    private Exception? _error;

    /// <summary>Offers the half to the pool; what <c>paint</c> reads must be in place before.</summary>
    public void Start()
    {
        _done.Reset();
        Volatile.Write(ref _claimed, 0);
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Returns once the half is painted: by the pool thread that claimed it, or here.</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            paint(_painter);
            return;
        }

        _done.Wait();
        if (_error is { } error)
        {
            _error = null;
            ExceptionDispatchInfo.Throw(error);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        // A work item of an earlier frame that the render thread finished itself finds its half claimed.
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
            _done.Set();
        }
    }
}
