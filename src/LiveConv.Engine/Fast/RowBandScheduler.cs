namespace LiveConv.Engine.Fast;

/// <summary>
/// Runs the bands of one <see cref="IBandWork"/> on up to <see cref="DegreeOfParallelism"/> threads: the caller plus
/// thread-pool helpers, each taking the next band from a shared counter (bands are uneven on a busy machine). One band
/// or one thread runs inline without the pool. The helper items are allocated once, so a frame allocates nothing.
/// </summary>
internal sealed class RowBandScheduler : IDisposable
{
    private readonly Helper[] _helpers;
    private readonly ManualResetEventSlim _helpersDone = new(false);
    private IBandWork? _work;
    private int _bandCount;
    private int _nextBand;
    private int _pendingHelpers;
    private Exception? _helperFailure;

    public RowBandScheduler(int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        DegreeOfParallelism = degreeOfParallelism;
        _helpers = new Helper[degreeOfParallelism - 1];
        for (int i = 0; i < _helpers.Length; i++)
        {
            _helpers[i] = new Helper(this, i + 1);
        }
    }

    public int DegreeOfParallelism { get; }

    public void Run(IBandWork work, int bandCount)
    {
        int helpers = Math.Min(_helpers.Length, bandCount - 1);
        if (helpers <= 0)
        {
            for (int band = 0; band < bandCount; band++)
            {
                work.RunBand(band, 0);
            }

            return;
        }

        _work = work;
        _bandCount = bandCount;
        _nextBand = 0;
        _pendingHelpers = helpers;
        _helpersDone.Reset();
        for (int i = 0; i < helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_helpers[i], preferLocal: false);
        }

        Exception? failure = null;
        try
        {
            Drain(0);
        }
        catch (Exception e)
        {
            // Stop handing out bands, but wait for the helpers: they use this work's buffers.
            _nextBand = bandCount;
            failure = e;
        }

        _helpersDone.Wait();
        _work = null;
        failure ??= Interlocked.Exchange(ref _helperFailure, null);
        if (failure is not null)
        {
            throw new AggregateException("A row band failed.", failure);
        }
    }

    public void Dispose() => _helpersDone.Dispose();

    private void Drain(int worker)
    {
        var work = _work!;
        int band;
        while ((band = Interlocked.Increment(ref _nextBand) - 1) < _bandCount)
        {
            work.RunBand(band, worker);
        }
    }

    private sealed class Helper(RowBandScheduler owner, int worker) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            try
            {
                owner.Drain(worker);
            }
            catch (Exception e)
            {
                owner._nextBand = owner._bandCount;
                Interlocked.CompareExchange(ref owner._helperFailure, e, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref owner._pendingHelpers) == 0)
                {
                    owner._helpersDone.Set();
                }
            }
        }
    }
}
