using LiveConv.Benchmarks.Workloads;
using LiveConv.Engine.Fast;

namespace LiveConv.Benchmarks.Peers;

/// <summary>LiveConv's engine: the default fast path, straight from the u8 frame.</summary>
public sealed class LiveConvPeer(int threads) : IPeer
{
    private Workload? _workload;
    private NetworkRunner? _runner;

    public string Name => threads == 1 ? "liveconv-1t" : "liveconv";

    public ReadOnlySpan<float> Output => _runner!.Output(_workload!.Network.Layers.Count - 1).Data;

    public void Prepare(Workload workload)
    {
        Dispose();
        _workload = workload;
        _runner = new NetworkRunner(workload.Network, new RunnerOptions { MaxDegreeOfParallelism = threads });
    }

    public void Run() => _runner!.Run(_workload!.Frame, _workload.RowStride, _workload.FrameFormat);

    public void Dispose()
    {
        _runner?.Dispose();
        _runner = null;
    }
}
