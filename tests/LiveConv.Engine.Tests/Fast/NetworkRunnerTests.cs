using LiveConv.Engine.Fast;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

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

    /// <summary>A float tensor runs as it is: no scale, no color conversion, no mean/std.</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Seeds))]
    public void Tensor_input_matches_reference_at_every_tier(int seed)
    {
        var (network, _, _) = RandomNetworks.Create(seed);
        var random = new Random(seed);
        var input = new Tensor(network.InputShape);
        for (int i = 0; i < input.Data.Length; i++)
        {
            input.Data[i] = (random.NextSingle() * 4) - 2;
        }

        var reference = ReferenceEngine.Run(network, input);
        foreach (var tier in FastAssert.Tiers())
        {
            using var runner = new NetworkRunner(network, new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = 1 + (seed % 2) });
            runner.Run(input.Data);
            int last = network.Layers.Count - 1;
            FastAssert.Equal(reference[last], runner.Output(last), $"layer {last}, tier {tier}");
        }
    }

    /// <summary>The random networks draw every layer kind and setting the fast engine has (else the tests above prove less).</summary>
    [Fact]
    public void Random_networks_cover_every_layer_kind()
    {
        var networks = Enumerable.Range(0, 120).Select(seed => RandomNetworks.Create(seed).Network).ToArray();
        var layers = networks.SelectMany(n => n.Layers).ToArray();
        Assert.Contains(layers, l => l is Activation { Kind: ActivationKind.Clip });
        Assert.Contains(layers, l => l is ScaleShift);
        Assert.Contains(layers, l => l is Pad2d { Mode: PadMode.Constant, Value: not 0f });
        Assert.Contains(layers, l => l is Pad2d { Mode: PadMode.Reflect });
        Assert.Contains(layers, l => l is Pad2d { Mode: PadMode.Edge });
        Assert.Contains(layers, l => l is ResidualAdd { From: ResidualAdd.NetworkInput });
        Assert.Contains(layers, l => l is ResidualAdd { From: >= 0 });
        Assert.Contains(layers, l => l is MaxPool2d p && p.Dilation != Size2.Square(1));
        Assert.Contains(layers, l => l is Pool2d { Padding.IsSymmetric: false });
        Assert.Contains(layers, l => l is Conv2d { Padding.Sides.IsSymmetric: false });
        Assert.Contains(networks, n => n.Input.Normalizes);

        // The fused forms: a scale-shift folded into the conv before it, an add with the activation after it.
        Assert.Contains(networks, n => n.Layers.Zip(n.Layers.Skip(1)).Any(p => p is (Conv2d, ScaleShift)));
        Assert.Contains(networks, n => n.Layers.Zip(n.Layers.Skip(1)).Any(p => p is (ResidualAdd, Activation)));
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
        Assert.Throws<ArgumentException>(() => runner.Run(new byte[16 * 8 * 3 - 1], 16 * 3, PixelFormat.Bgr));
    }
}
