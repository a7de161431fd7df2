using System.Globalization;
using System.Text;

namespace LiveConv.App.Tests.Memory;

/// <summary>
/// Memory as a function of frames, not of time. Each sample is taken after a full, blocking, compacting collection
/// (and the finalizers it leaves), so garbage that merely waits for the next collection does not count: what is
/// left grows only if something keeps what frames made. (Not GCCollectionMode.Aggressive, which also compacts the
/// large-object heap and hands memory back: in CI's busy runs the test host crashed twice while it ran.) A leak keeps some of
/// every frame, so it shows in every interval between samples; a pool or cache that grows once shows in one. The
/// growth per frame is therefore the median of the intervals' slopes, and a leak is a median above the limits.
/// </summary>
internal sealed class MemoryGrowth
{
    /// <summary>Bytes per frame of the managed heap that count as a leak: a 720p frame buffer kept every 100 frames is 27,648.</summary>
    public const double ManagedLimit = 1024;

    /// <summary>Bytes per frame of the resident set (managed and native) that count as a leak.</summary>
    public const double ResidentLimit = 4096;

    private readonly List<(long Frame, long Managed, long Resident)> _samples = [];

    public IReadOnlyList<(long Frame, long Managed, long Resident)> Samples => _samples;

    public void Sample(long frame)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        _samples.Add((frame, GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet));
    }

    public double ManagedBytesPerFrame => MedianSlope(s => s.Managed);

    public double ResidentBytesPerFrame => MedianSlope(s => s.Resident);

    public bool Leaks => ManagedBytesPerFrame > ManagedLimit || ResidentBytesPerFrame > ResidentLimit;

    /// <summary>The verdict and every sample, for a failure message or a benchmark's output.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"managed {ManagedBytesPerFrame:N0} B/frame (limit {ManagedLimit:N0}), resident {ResidentBytesPerFrame:N0} B/frame (limit {ResidentLimit:N0}); samples:"));
        foreach (var (frame, managed, resident) in _samples)
        {
            text.Append(CultureInfo.InvariantCulture, $" [frame {frame}: managed {managed / 1024:N0} KB, resident {resident / 1024:N0} KB]");
        }

        return text.ToString();
    }

    private double MedianSlope(Func<(long Frame, long Managed, long Resident), long> bytes)
    {
        if (_samples.Count < 3)
        {
            throw new InvalidOperationException($"{_samples.Count} samples: a median of the growth needs at least 3");
        }

        var slopes = _samples.Zip(_samples.Skip(1), (a, b) => (bytes(b) - bytes(a)) / (double)(b.Frame - a.Frame)).Order().ToArray();
        return slopes.Length % 2 == 1 ? slopes[slopes.Length / 2] : (slopes[(slopes.Length / 2) - 1] + slopes[slopes.Length / 2]) / 2;
    }
}
