using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Benchmarks.Workloads;

/// <summary>The sets the peer comparison runs: the four standard workloads and the README's sweeps.</summary>
public static class WorkloadSets
{
    public static IReadOnlyList<Workload> Standard() =>
    [
        new("W1", "edges-720p", StandardWorkloads.W1()),
        new("W2", "seed-layer-720p", StandardWorkloads.W2()),
        new("W3", "edges-1080p", StandardWorkloads.W3()),
        new("W4", "gray-1080p", StandardWorkloads.W4()),
    ];

    /// <summary>W1's layer at 360p, 720p, 1080p and 4K.</summary>
    public static IReadOnlyList<Workload> Resolutions() =>
    [
        .. new[] { (640, 360), (1280, 720), (1920, 1080), (3840, 2160) }
            .Select(s => new Workload($"R{s.Item2}", $"edges-{s.Item1}x{s.Item2}", StandardWorkloads.Edges(s.Item1, s.Item2))),
    ];

    /// <summary>W2's layer with 3x3, 5x5, 7x7 and 11x11 kernels at 720p.</summary>
    public static IReadOnlyList<Workload> KernelSizes() =>
        [.. new[] { 3, 5, 7, 11 }.Select(k => new Workload($"K{k}", $"seed-layer-{k}x{k}-720p", StandardWorkloads.SeedLayer(1280, 720, k)))];

    /// <summary>
    /// ResNet-18's stem on 720p and the stem with two basic blocks on 360p, with seeded random weights: the shapes of
    /// issue 12's W5/W6 (the real model's are <c>--set resnet18</c>), to time the engine alone on them.
    /// </summary>
    public static IReadOnlyList<Workload> ResNet() =>
    [
        new("S5", "resnet18-stem-720p-random", StandardWorkloads.ResNetStem()),
        new("S6", "resnet18-block1-360p-random", StandardWorkloads.ResNetBlocks()),
    ];
}
