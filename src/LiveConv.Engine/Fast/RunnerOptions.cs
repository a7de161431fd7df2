namespace LiveConv.Engine.Fast;

/// <summary>How a <see cref="NetworkRunner"/> runs.</summary>
public sealed record RunnerOptions
{
    /// <summary>Threads per frame, the caller's included. 1 runs everything on the caller.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Layers whose outputs <see cref="NetworkRunner.Output"/> can return; null means only the last.
    /// Each one ends a fused group, so ask only for what is shown.</summary>
    public IReadOnlyCollection<int>? MaterializedLayers { get; init; }

    /// <summary>Run at a narrower SIMD tier than the best available (tests cover every tier in one process).</summary>
    internal SimdTier? Tier { get; init; }

    /// <summary>Off: the general path only (no channel sum, no direct kernel, no fused pooling); for tests.</summary>
    internal bool FastPaths { get; init; } = true;
}
