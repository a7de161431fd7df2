using LiveConv.Engine.Fast;

namespace LiveConv.Engine.Tests.Fast;

public class NetworkRunnerTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 120; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    /// <summary>Only the last layer materialized: the fused groups, every fast path that applies.</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Seeds))]
    public void Fused_random_network_matches_reference_at_every_tier(int seed)
    {
        var (network, format, frame) = RandomNetworks.Create(seed);
        foreach (var tier in FastAssert.Tiers())
        {
            FastAssert.MatchesReference(network, frame, format, new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = 1 + (seed % 2) }, seed % 3);
        }
    }

    /// <summary>Every layer materialized: each layer its own group, so each layer type runs alone.</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Seeds))]
    public void Every_layer_matches_reference(int seed)
    {
        var (network, format, frame) = RandomNetworks.Create(seed);
        var all = Enumerable.Range(0, network.Layers.Count).ToArray();
        FastAssert.MatchesReference(network, frame, format, new RunnerOptions { MaterializedLayers = all, MaxDegreeOfParallelism = 2 });
    }

    /// <summary>The general path alone (no channel sum, direct kernel or fused pooling).</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void General_path_matches_reference(int seed)
    {
        var (network, format, frame) = RandomNetworks.Create(seed);
        FastAssert.MatchesReference(network, frame, format, new RunnerOptions { FastPaths = false, MaxDegreeOfParallelism = 1 + (seed % 2) });
    }

    [Fact]
    public void Asking_for_a_layer_that_is_not_materialized_throws()
    {
        var network = Workloads.StandardWorkloads.W1(16, 8);
        using var runner = new NetworkRunner(network);
        Assert.Throws<ArgumentException>(() => runner.Output(0));
        Assert.Equal(network.OutputShape, runner.Output(2).Shape);
    }

    [Fact]
    public void A_frame_too_small_throws()
    {
        var network = Workloads.StandardWorkloads.W1(16, 8);
        using var runner = new NetworkRunner(network);
        Assert.Throws<ArgumentException>(() => runner.Run(new byte[16 * 8 * 3 - 1], 16 * 3, Tensors.PixelFormat.Bgr));
    }
}
