using LiveConv.Engine.Fast;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>
/// Max pooling whose windows straddle two row bands, each band pooling its own conv rows and handing the other part
/// of the shared windows over: ResNet's 3x3/2 stem pooling, windows that reach two pooled rows back (5x5/2, 3x3/1), ceil
/// mode's cut last window, on heights that leave a short last band, at every tier, on one thread and two.
/// </summary>
public class BandCarryTests
{
    public static TheoryData<int, int, int, bool> Pools() => new()
    {
        { 3, 2, 1, false },
        { 3, 2, 0, true },
        { 5, 2, 2, false },
        { 3, 1, 1, false },
        { 4, 3, 1, true },
    };

    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Pools))]
    public void Pooled_rows_shared_by_two_bands_match_the_reference(int kernel, int stride, int pad, bool ceil)
    {
        foreach (int height in new[] { 61, 64, 97 })
        {
            var network = StemLike(57, height, new MaxPool2d(Size2.Square(kernel), Size2.Square(stride), Size2.Square(pad), ceil));
            var frame = StandardWorkloads.Frame(network, height, PixelFormat.Bgr);
            foreach (var tier in FastAssert.Tiers())
            {
                foreach (int dop in new[] { 1, 2 })
                {
                    var options = new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = dop };
                    using (var runner = new NetworkRunner(network, options))
                    {
                        Assert.True(runner.CarriedRows.Single() > 0, $"{kernel}x{kernel}/{stride} at height {height}: the bands recompute shared rows instead");
                    }

                    FastAssert.MatchesReference(network, frame, PixelFormat.Bgr, options);
                }
            }
        }
    }

    /// <summary>A step after the pool sees whole windows only: such a group keeps recomputing the shared rows.</summary>
    [Fact]
    public void A_step_after_the_pool_keeps_the_shared_rows_recomputed()
    {
        var network = StemLike(57, 64, new MaxPool2d(Size2.Square(3), Size2.Square(2), Size2.Square(1)));
        network = new Network(network.Input, [.. network.Layers, new ScaleShift([.. Enumerable.Repeat(-1f, 7)], [.. Enumerable.Repeat(0.5f, 7)])]);
        using var runner = new NetworkRunner(network, new RunnerOptions());
        Assert.Equal(0, runner.CarriedRows.Single());
        FastAssert.MatchesReference(network, StandardWorkloads.Frame(network, 64, PixelFormat.Bgr), PixelFormat.Bgr, new RunnerOptions { MaxDegreeOfParallelism = 2 });
    }

    /// <summary>Seven 3x3x3 filters (blocks of 4 + 3 or 6 + 1: the pooling runs block by block), ReLU, the pool.</summary>
    private static Network StemLike(int width, int height, MaxPool2d pool)
    {
        var random = new Random(width + height);
        var kernels = Enumerable.Range(0, 7).Select(k => Kernel.Create(
            $"k{k}", 3, 3, 3, [.. Enumerable.Range(0, 27).Select(_ => (float)((random.NextDouble() * 2) - 1))], (float)random.NextDouble() - 0.5f)).ToArray();
        return new Network(
            new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(1)), new Activation(ActivationKind.Relu), pool]);
    }
}
