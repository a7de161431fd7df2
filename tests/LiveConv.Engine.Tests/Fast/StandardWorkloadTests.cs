using LiveConv.Engine.Fast;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>The four benchmark workloads at full size against the reference, once each.</summary>
public class StandardWorkloadTests
{
    public static TheoryData<string> Names() => ["W1", "W2", "W3", "W4"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_matches_reference(string name)
    {
        var network = name switch
        {
            "W1" => StandardWorkloads.W1(),
            "W2" => StandardWorkloads.W2(),
            "W3" => StandardWorkloads.W3(),
            _ => StandardWorkloads.W4(),
        };
        var format = StandardWorkloads.FrameFormat(network);
        FastAssert.MatchesReference(network, StandardWorkloads.Frame(network), format, new RunnerOptions { MaxDegreeOfParallelism = 2 });
    }

    /// <summary>
    /// ResNet-18's stem and first blocks (folded scale-shift, asymmetric pads, add before ReLU) on awkward frame sizes,
    /// every tier; the full sizes would take the scalar reference too long for a test.
    /// </summary>
    [Theory]
    [Trait("Category", "Simd")]
    [InlineData(97, 67)]
    [InlineData(66, 41)]
    public void ResNet_workloads_match_reference_at_every_tier(int width, int height)
    {
        foreach (var network in new[] { StandardWorkloads.ResNetStem(width, height), StandardWorkloads.ResNetBlocks(width, height) })
        {
            var frame = StandardWorkloads.Frame(network);
            int last = network.Layers.Count - 1;
            int[] materialized = [3, 8, last]; // what a view of the stem and each block keeps
            foreach (var tier in FastAssert.Tiers())
            {
                var layers = last == 3 ? [3] : materialized;
                FastAssert.MatchesReference(network, frame, network.Input.Color,
                    new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = 2, MaterializedLayers = layers });
            }
        }
    }
}
