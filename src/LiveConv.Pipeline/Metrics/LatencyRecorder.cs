namespace LiveConv.Pipeline.Metrics;

/// <summary>
/// Latencies in milliseconds: percentiles of the recent ones for the HUD, and of all of them for the end summary
/// (a histogram of 0.1 ms buckets, so a long run costs no memory). Thread-safe; no allocation per sample.
/// </summary>
public sealed class LatencyRecorder
{
    private const double BucketMs = 0.1;
    private const int RecentCount = 256;
    private readonly object _gate = new();
    private readonly int[] _histogram = new int[100_000];
    private readonly double[] _recent = new double[RecentCount];
    private readonly double[] _scratch = new double[RecentCount];
    private long _count;

    public void Record(double milliseconds)
    {
        lock (_gate)
        {
            _recent[_count % RecentCount] = milliseconds;
            _histogram[Math.Clamp((int)(milliseconds / BucketMs), 0, _histogram.Length - 1)]++;
            _count++;
        }
    }

    /// <summary>Percentile (0..100) of the last few hundred samples; 0 when there are none.</summary>
    public double RecentPercentile(double percentile)
    {
        lock (_gate)
        {
            int n = (int)Math.Min(_count, RecentCount);
            if (n == 0)
            {
                return 0;
            }

            Array.Copy(_recent, _scratch, n);
            Array.Sort(_scratch, 0, n);
            return _scratch[Rank(percentile, n)];
        }
    }

    /// <summary>Percentile (0..100) of every sample, to 0.1 ms; 0 when there are none.</summary>
    public double Percentile(double percentile)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return 0;
            }

            long rank = Rank(percentile, _count);
            long seen = 0;
            for (int i = 0; i < _histogram.Length; i++)
            {
                seen += _histogram[i];
                if (seen > rank)
                {
                    return (i + 0.5) * BucketMs;
                }
            }

            return _histogram.Length * BucketMs;
        }
    }

    private static int Rank(double percentile, long n) => (int)Math.Clamp(Math.Ceiling(percentile / 100 * n) - 1, 0, n - 1);
}
