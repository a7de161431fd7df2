namespace LiveConv.Engine.Fast;

/// <summary>
/// Runs the bands of one <see cref="IBandWork"/> on up to <see cref="DegreeOfParallelism"/> threads: the caller plus
/// thread-pool helpers, each taking the next band from a shared counter (bands are uneven on a busy machine). One band
/// or one thread runs inline without the pool. The helper items are allocated once, so a frame allocates nothing.
/// When the caller has taken every band, it withdraws the helpers the pool has not started yet instead of waiting for
/// a busy pool to get to them.
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
            _helpers[i].Arm();
        }

        Exception? failure = null;
        try
        {
            Drain(0);
        }
        catch (Exception e)
        {
            // Stop handing out bands, but wait for the running helpers: they use this work's buffers.
            _nextBand = bandCount;
            failure = e;
        }

        for (int i = 0; i < helpers; i++)
        {
            if (_helpers[i].Withdraw())
            {
                HelperDone();
            }
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

    private void HelperDone()
    {
        if (Interlocked.Decrement(ref _pendingHelpers) == 0)
        {
            _helpersDone.Set();
        }
    }

    /// <summary>A pool work item with a fixed worker index. At most one copy of it is ever in the pool's queue.</summary>
    private sealed class Helper(RowBandScheduler owner, int worker) : IThreadPoolWorkItem
    {
        private const int Idle = 0, Queued = 1, Running = 2, Withdrawn = 3;
        private int _state;

        /// <summary>Queues the helper for the current work, or re-arms a withdrawn one still waiting in the pool's queue.</summary>
        public void Arm()
        {
            if (Interlocked.CompareExchange(ref _state, Queued, Withdrawn) == Withdrawn)
            {
                return;
            }

            Volatile.Write(ref _state, Queued);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        /// <summary>True when the helper had not started: it will not touch the current work.</summary>
        public bool Withdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;

        public void Execute()
        {
            while (true)
            {
                int state = Volatile.Read(ref _state);
                if (state is Idle or Running)
                {
                    return;
                }

                if (state == Withdrawn && Interlocked.CompareExchange(ref _state, Idle, Withdrawn) == Withdrawn)
                {
                    return;
                }

                if (state == Queued && Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
                {
                    break;
                }
            }

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
                Volatile.Write(ref _state, Idle);
                owner.HelperDone();
            }
        }
    }
}
