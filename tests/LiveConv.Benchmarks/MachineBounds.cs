using LiveConv.Benchmarks.Workloads;

namespace LiveConv.Benchmarks;

/// <summary>
/// The fastest a dense implementation could go on this machine: every MAC at the fp32 FMA peak, or every
/// input and output byte at DRAM bandwidth, whichever is slower. Stated, not measured: AMD Zen 4, 2 cores.
/// </summary>
public sealed record MachineBounds(double PeakGflops, double BandwidthGBs)
{
    public static MachineBounds ThisMachine { get; } = new(233, 46);

    public double ComputeMs(Workload w) =>
        w.Network.Summarize().Sum(s => (double)s.Cost.MultiplyAccumulates) * 2 / (PeakGflops * 1e9) * 1e3;

    public double MemoryMs(Workload w) =>
        (w.Frame.Length + (w.Network.OutputShape.Length * 4.0)) / (BandwidthGBs * 1e9) * 1e3;

    public double BoundMs(Workload w) => Math.Max(ComputeMs(w), MemoryMs(w));
}
