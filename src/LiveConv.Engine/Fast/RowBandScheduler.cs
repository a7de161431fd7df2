namespace LiveConv.Engine.Fast;

/// <summary>
/// Runs the bands of one <see cref="IBandWork"/> on up to <see cref="DegreeOfParallelism"/> threads: the caller plus
/// dedicated helper threads, each taking the next band from a shared counter (bands are uneven on a busy machine). One
/// band or one thread runs inline. Nothing is allocated per frame. When the caller has taken every band, it withdraws
/// the helpers that have not started yet instead of waiting for them to wake up.
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

    /// <summary>
    /// Bytes the helper threads have allocated, as of their last band: the allocation test counts them thread by
    /// thread, so nothing else in the process can add to the count.
    /// </summary>
    internal long HelperAllocatedBytes
    {
        get
        {
            // A loop, not LINQ: reading the count must not allocate on the thread being counted.
            long total = 0;
            foreach (var helper in _helpers)
            {
                total += Volatile.Read(ref helper.AllocatedBytes);
            }

            return total;
        }
    }

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

    public void Dispose()
    {
        foreach (var helper in _helpers)
        {
            helper.Dispose();
        }

        _helpersDone.Dispose();
    }

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

    /// <summary>
    /// A dedicated helper thread with a fixed worker index. After a frame it spins (yielding) for a short while
    /// before it sleeps: frames come back to back, and waking a sleeping thread costs a good part of a
    /// millisecond on a VM, as long as a whole 720p frame takes.
    /// </summary>
    private sealed class Helper : IDisposable
    {
        private const int Idle = 0, Queued = 1, Running = 2;
        private static readonly TimeSpan SpinTime = TimeSpan.FromMilliseconds(0.5);
        private readonly RowBandScheduler _owner;
        private readonly int _worker;
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
        private readonly Thread _thread;
        private int _state;
        private volatile bool _stopping;

        /// <summary>This thread's allocation count after its last band (read by <see cref="HelperAllocatedBytes"/>).</summary>
        internal long AllocatedBytes;

        public Helper(RowBandScheduler owner, int worker)
        {
            _owner = owner;
            _worker = worker;
            _thread = new Thread(Loop) { IsBackground = true, Name = $"LiveConv band worker {worker}" };
            _thread.Start();
        }

        /// <summary>Hands the helper the current work.</summary>
        public void Arm()
        {
            Volatile.Write(ref _state, Queued);
            _wake.Set();
        }

        /// <summary>True when the helper had not started: it will not touch the current work.</summary>
        public bool Withdraw() => Interlocked.CompareExchange(ref _state, Idle, Queued) == Queued;

        public void Dispose()
        {
            _stopping = true;
            _wake.Set();
            _thread.Join();
            _wake.Dispose();
        }

        private void Loop()
        {
            long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
            var spinner = default(SpinWait);
            while (!_stopping)
            {
                if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
                {
                    Execute();
                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                    spinner.Reset();
                }
                else if (System.Diagnostics.Stopwatch.GetElapsedTime(idleSince) < SpinTime)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
                else
                {
                    // Reset before the state is read again, so an Arm in between is never lost.
                    _wake.Reset();
                    if (Volatile.Read(ref _state) != Queued && !_stopping)
                    {
                        _wake.Wait();
                    }

                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                }
            }
        }

        private void Execute()
        {
            try
            {
                _owner.Drain(_worker);
            }
            catch (Exception e)
            {
                _owner._nextBand = _owner._bandCount;
                Interlocked.CompareExchange(ref _owner._helperFailure, e, null);
            }
            finally
            {
                // Before HelperDone: the caller reads it once Run has returned.
                Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                Volatile.Write(ref _state, Idle);
                _owner.HelperDone();
            }
        }
    }
}
