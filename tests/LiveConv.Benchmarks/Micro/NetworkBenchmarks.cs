using BenchmarkDotNet.Attributes;
using LiveConv.Benchmarks.Workloads;
using LiveConv.Engine.Tests.Workloads;
using LiveConv.Engine.Fast;
using LiveConv.Engine.Reference;

namespace LiveConv.Benchmarks.Micro;

/// <summary>The engine on W1's and W2's layers at a few frame widths (16:9), scalar reference as the baseline.</summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private Workload _workload = null!;
    private NetworkRunner _one = null!, _two = null!;

    [Params("edges", "seed-layer")]
    public string Layer { get; set; } = "edges";

    [Params(160, 640)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int height = Width * 9 / 16;
        _workload = new Workload(Layer, Layer, Layer == "edges" ? StandardWorkloads.Edges(Width, height) : StandardWorkloads.W2(Width, height));
        _one = new NetworkRunner(_workload.Network, new RunnerOptions { MaxDegreeOfParallelism = 1 });
        _two = new NetworkRunner(_workload.Network, new RunnerOptions { MaxDegreeOfParallelism = 2 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one.Dispose();
        _two.Dispose();
    }

    [Benchmark(Baseline = true)]
    public object Reference() => ReferenceEngine.Run(_workload.Network, _workload.Frame, _workload.FrameFormat);

    [Benchmark]
    public void Fast1Thread() => _one.Run(_workload.Frame, _workload.RowStride, _workload.FrameFormat);

    [Benchmark]
    public void Fast2Threads() => _two.Run(_workload.Frame, _workload.RowStride, _workload.FrameFormat);
}
