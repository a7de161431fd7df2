using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Metrics;

/// <summary>What the HUD and the end summary report: counts, rates, capture-to-output latency, time per stage.</summary>
public sealed class PipelineStats
{
    private static readonly Stage[] Stages = Enum.GetValues<Stage>();
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly double[] _stageTotalMs = new double[Stages.Length];
    private readonly double[] _stageRecentMs = new double[Stages.Length];
    private readonly object _gate = new();
    private readonly long[] _droppedBefore = new long[Stages.Length];
    private long _captured;
    private long _dropped;
    private long _behindTicks;
    private long _output;

    public PipelineStats(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
        InputRate = new RateMeter(time);
        OutputRate = new RateMeter(time);
    }

    public long Captured => Interlocked.Read(ref _captured);

    /// <summary>Frames a live pipeline let go to stay fresh.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames that went through every sink (and the window, when there is one).</summary>
    public long Output => Interlocked.Read(ref _output);

    /// <summary>The frames a live pipeline let go before <paramref name="stage"/>, which was still busy with earlier ones.</summary>
    public long DroppedBefore(Stage stage) => Interlocked.Read(ref _droppedBefore[(int)stage]);

    /// <summary>
    /// How far a paced source's newest frame came after its time (a file or the synthetic scene held up by a slow
    /// stage); zero when on time or not paced.
    /// </summary>
    public TimeSpan Behind => TimeSpan.FromTicks(Interlocked.Read(ref _behindTicks));

    /// <summary>The last few seconds of output frames' stage times, for the HUD's graph.</summary>
    public FrameTimeHistory History { get; } = new();

    public RateMeter InputRate { get; }

    public RateMeter OutputRate { get; }

    /// <summary>From capture to the end of the sinks (or to the window showing it).</summary>
    public LatencyRecorder Latency { get; } = new();

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    internal TimeProvider Time => _time;

    /// <summary>Mean milliseconds a stage took per output frame, over the whole run.</summary>
    public double MeanStageMs(Stage stage)
    {
        lock (_gate)
        {
            long n = Output;
            return n == 0 ? 0 : _stageTotalMs[(int)stage] / n;
        }
    }

    /// <summary>A moving average of the milliseconds a stage took, for the HUD.</summary>
    public double RecentStageMs(Stage stage)
    {
        lock (_gate)
        {
            return _stageRecentMs[(int)stage];
        }
    }

    internal void OnCaptured()
    {
        Interlocked.Increment(ref _captured);
        InputRate.Tick();
    }

    /// <param name="before">The stage that was busy: it reads the channel that dropped the frame.</param>
    internal void OnDropped(Stage before)
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _droppedBefore[(int)before]);
    }

    /// <summary>A paced frame came <paramref name="late"/> after its source time (negative: on time).</summary>
    public void OnPaced(TimeSpan late) => Interlocked.Exchange(ref _behindTicks, Math.Max(0, late.Ticks));

    /// <summary>A frame is out: its latency and stage times count.</summary>
    public void OnOutput(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Interlocked.Increment(ref _output);
        OutputRate.Tick();
        double latency = _time.GetElapsedTime(frame.CaptureTimestamp).TotalMilliseconds;
        Latency.Record(latency);
        History.Record(frame, latency);
        lock (_gate)
        {
            foreach (var stage in Stages)
            {
                double ms = frame.Times[stage].TotalMilliseconds;
                _stageTotalMs[(int)stage] += ms;
                _stageRecentMs[(int)stage] = _stageRecentMs[(int)stage] == 0 ? ms : (0.9 * _stageRecentMs[(int)stage]) + (0.1 * ms);
            }
        }
    }
}
