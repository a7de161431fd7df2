namespace LiveConv.Pipeline.Metrics;

/// <summary>Events per second, averaged over about a second so the HUD number is steady. Thread-safe.</summary>
public sealed class RateMeter
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private long _windowStart;
    private long _windowCount;
    private double _rate;

    public RateMeter(TimeProvider time)
    {
        _time = time;
        _windowStart = time.GetTimestamp();
    }

    public double PerSecond
    {
        get
        {
            lock (_gate)
            {
                return _rate;
            }
        }
    }

    public void Tick()
    {
        lock (_gate)
        {
            _windowCount++;
            var elapsed = _time.GetElapsedTime(_windowStart);
            if (elapsed >= TimeSpan.FromSeconds(1))
            {
                _rate = _windowCount / elapsed.TotalSeconds;
                _windowCount = 0;
                _windowStart = _time.GetTimestamp();
            }
        }
    }
}
