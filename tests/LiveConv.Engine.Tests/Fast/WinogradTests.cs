using LiveConv.Engine.Fast;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>
/// Convs that run as Winograd's F(4x4, 3x3) or F(4x4, 4x4) (3x3 and 4x4 at stride 1, 5x5 to 8x8 at stride 2 over the
/// input's phases): against the reference on widths and heights that leave every partial tile and partial vector of
/// tiles, with each padding mode and asymmetric pads, the scale-shifts folded, activations, an add and a pool after it,
/// at every tier, on one thread and two.
/// </summary>
public class WinogradTests
{
    public static TheoryData<int, int> Sizes() => new()
    {
        { 64, 1 },
        { 65, 4 },
        { 67, 5 },
        { 70, 9 },
        { 97, 18 },
        { 130, 33 },
    };

    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Sizes))]
    public void Conv3x3_OverManyChannels_MatchesTheReference(int width, int height)
    {
        var network = TwoConvs(width, height, Padding.Explicit(1), PaddingMode.Zeros, [new Activation(ActivationKind.Relu)]);
        AssertWinogradMatches(network, expectedStages: 1);
    }

    [Theory]
    [Trait("Category", "Simd")]
    [InlineData(PaddingMode.Zeros)]
    [InlineData(PaddingMode.Reflect)]
    [InlineData(PaddingMode.Replicate)]
    [InlineData(PaddingMode.Circular)]
    public void Conv3x3_WithEachPaddingMode_AndAsymmetricPads_MatchesTheReference(PaddingMode mode)
    {
        AssertWinogradMatches(TwoConvs(69, 11, Padding.Explicit(1), mode, []), expectedStages: 1);
        AssertWinogradMatches(TwoConvs(71, 10, Padding.Explicit(new Borders(2, 0, 1, 2)), mode, []), expectedStages: 1);
    }

    [Fact]
    [Trait("Category", "Simd")]
    public void Conv3x3_WithFoldedScaleShift_AnAddAndAPoolAfter_MatchesTheReference()
    {
        var random = new Random(7);
        var steps = new Layer[]
        {
            new ScaleShift([.. Enumerable.Range(0, 17).Select(_ => 0.5f + random.NextSingle())], [.. Enumerable.Range(0, 17).Select(_ => random.NextSingle() - 0.5f)]),
            new Activation(ActivationKind.LeakyRelu, 0.1f),
        };
        AssertWinogradMatches(TwoConvs(75, 22, Padding.Explicit(1), PaddingMode.Zeros, steps), expectedStages: 1);
        AssertWinogradMatches(TwoConvs(75, 23, Padding.Explicit(1), PaddingMode.Zeros, [.. steps, new MaxPool2d(Size2.Square(2))]), expectedStages: 1);
        AssertWinogradMatches(TwoConvs(83, 21, Padding.Explicit(1), PaddingMode.Zeros, [.. steps, new MaxPool2d(Size2.Square(3), Size2.Square(2), Size2.Square(1))]), expectedStages: 1);
        AssertWinogradMatches(TwoConvs(66, 13, Padding.Explicit(1), PaddingMode.Zeros, [.. steps, new AvgPool2d(Size2.Square(2))]), expectedStages: 1);
    }

    [Fact]
    [Trait("Category", "Simd")]
    public void ResNetStemAndBasicBlocks_RunAsWinograd_AndMatchTheReference()
    {
        AssertWinogradMatches(StandardWorkloads.ResNetBlocks(260, 75), expectedStages: 5);

        // Maps 40 wide, as W6's 160: at AVX-512 three filter blocks' products per pass (a 64-tile segment), the last two.
        AssertWinogradMatches(StandardWorkloads.ResNetBlocks(160, 45), expectedStages: 5);
        AssertWinogradMatches(StandardWorkloads.ResNetStem(331, 97), expectedStages: 1);
        using var stem = new NetworkRunner(StandardWorkloads.ResNetStem(331, 97), new RunnerOptions());
        Assert.Equal([true], stem.TileColumnPoolStages);
    }

    public static TheoryData<int, int, int, int, bool, int, bool> PoolsAfterTheConv() => new()
    {
        // kernel, stride (rows), pad left (and top), pad right (and bottom), ceil, conv width, pooled on the tiles
        { 3, 2, 1, 1, false, 75, true },
        { 3, 2, 1, 0, false, 83, true },
        { 3, 2, 1, 1, true, 66, true },
        { 3, 1, 1, 1, false, 70, true },
        { 2, 2, 0, 0, false, 75, true },
        { 2, 2, 1, 1, true, 97, true },
        { 1, 2, 0, 0, false, 67, true },
        { 3, 2, 1, 1, true, 76, false },
        { 3, 2, 0, 0, false, 75, false },
    };

    /// <summary>
    /// Max poolings at column stride 2 whose windows a 4-column tile holds take their columns on the tiles, their rows
    /// after (<see cref="TileColumnPool"/>); every partial vector and tile, ceil mode, a pad on each side, and the
    /// poolings that keep the conv buffer's full rows (a pooled column past the tiles, a window past a tile).
    /// </summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(PoolsAfterTheConv))]
    public void MaxPoolsAtColumnStrideTwo_PoolTheTilesColumns_AndMatchTheReference(int kernel, int rowStride, int padBefore, int padAfter, bool ceil, int width, bool onTiles)
    {
        var pool = new MaxPool2d(Size2.Square(kernel), new Size2(rowStride, 2), new Borders(padBefore, padAfter, padBefore, padAfter), ceil);
        var network = TwoConvs(width, 23, Padding.Explicit(1), PaddingMode.Zeros, [new Activation(ActivationKind.Relu), pool]);
        using (var runner = new NetworkRunner(network, new RunnerOptions()))
        {
            Assert.Equal([false, onTiles], runner.TileColumnPoolStages);
        }

        AssertWinogradMatches(network, expectedStages: 1);
    }

    public static TheoryData<int, int, int, int> StridedSizes() => new()
    {
        { 7, 2, 130, 41 },
        { 7, 2, 67, 9 },
        { 8, 2, 99, 30 },
        { 5, 2, 131, 22 },
        { 6, 2, 70, 13 },
        { 4, 1, 66, 11 },
    };

    /// <summary>Straight from the frame: 3 channels are 12 phase channels at stride 2 (and 3x3 kernels are not worth it on 3).</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(StridedSizes))]
    public void StridedOrLargerKernels_OverTheFramesPhases_MatchTheReference(int kernel, int stride, int width, int height)
    {
        int pad = kernel / 2;
        var conv = Conv(stride == 1 ? 16 : 3, 17, kernel, Padding.Explicit(new Borders(pad, kernel - 1 - pad, pad, kernel - 1 - pad)), stride, 1);
        var layers = new List<Layer>();
        if (stride == 1)
        {
            layers.AddRange([Conv(3, 16, 3, Padding.Explicit(1), 1, 1), new Activation(ActivationKind.Relu)]);
        }

        layers.AddRange([conv, new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(3), Size2.Square(2), Size2.Square(1))]);
        AssertWinogradMatches(new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height), layers), expectedStages: 1);
    }

    /// <summary>
    /// The last tiles of a band read rows past the ones it fills, which a taller band filled before: stale, they would
    /// change the valid outputs by rounding, so a frame's result would depend on the frame before it.
    /// </summary>
    [Fact]
    public void A_FramesResult_DoesNotDependOnTheFrameBefore()
    {
        foreach (var network in new[] { StandardWorkloads.ResNetStem(331, 97), StandardWorkloads.ResNetBlocks(260, 75) })
        {
            using var runner = new NetworkRunner(network, new RunnerOptions { MaxDegreeOfParallelism = 1 });
            var first = StandardWorkloads.Frame(network, 5, PixelFormat.Bgr);
            var other = StandardWorkloads.Frame(network, 6, PixelFormat.Bgr);
            int stride = network.Input.Width * 3;
            runner.Run(first, stride, PixelFormat.Bgr);
            float[] alone = runner.Output(network.Layers.Count - 1).Data.ToArray();
            runner.Run(other, stride, PixelFormat.Bgr);
            runner.Run(first, stride, PixelFormat.Bgr);
            Assert.Equal(alone, runner.Output(network.Layers.Count - 1).Data.ToArray());
        }
    }

    [Fact]
    public void FewChannels_StrideOrDilation_KeepTheDirectKernel()
    {
        foreach (var conv in new[]
        {
            Conv(8, 17, 3, Padding.Explicit(1), 1, 1),
            Conv(16, 17, 3, Padding.Explicit(1), 2, 1),
            Conv(16, 17, 3, Padding.Explicit(2), 1, 2),
            Conv(16, 17, 5, Padding.Explicit(2), 1, 1),
        })
        {
            int channels = conv.Kernels[0].Depth!.Value;
            var network = new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, 80, 20),
                [Conv(3, channels, 3, Padding.Explicit(1), 1, 1), conv]);
            using var runner = new NetworkRunner(network, new RunnerOptions());
            Assert.DoesNotContain(true, runner.WinogradStages);
        }
    }

    private static void AssertWinogradMatches(Network network, int expectedStages)
    {
        var frame = StandardWorkloads.Frame(network, 3, PixelFormat.Bgr);
        foreach (var tier in FastAssert.Tiers())
        {
            foreach (int dop in new[] { 1, 2 })
            {
                var options = new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = dop };
                using (var runner = new NetworkRunner(network, options))
                {
                    Assert.Equal(expectedStages, runner.WinogradStages.Count(w => w));
                }

                FastAssert.MatchesReference(network, frame, PixelFormat.Bgr, options);
            }
        }
    }

    /// <summary>Conv 3x3 3→16 (the direct kernel: three channels) + ReLU, then the conv under test, 16→17 (blocks of 6, 6, 5), then the steps.</summary>
    private static Network TwoConvs(int width, int height, Padding padding, PaddingMode mode, IReadOnlyList<Layer> after) =>
        new(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width + 2 - padding.Sides.Horizontal, height + 2 - padding.Sides.Vertical),
            [Conv(3, 16, 3, Padding.Explicit(1), 1, 1), new Activation(ActivationKind.Relu), Conv(16, 17, 3, padding, 1, 1, mode), .. after]);

    private static Conv2d Conv(int channels, int filters, int size, Padding padding, int stride, int dilation, PaddingMode mode = PaddingMode.Zeros)
    {
        var random = new Random((channels * 31) + filters + size);
        float bound = 1f / MathF.Sqrt(channels * size * size);
        var kernels = Enumerable.Range(0, filters).Select(k => Kernel.Create(
            $"k{k}", channels, size, size, [.. Enumerable.Range(0, channels * size * size).Select(_ => ((random.NextSingle() * 2) - 1) * bound)],
            random.NextSingle() - 0.5f)).ToArray();
        return new Conv2d(kernels, Size2.Square(stride), padding, mode, Size2.Square(dilation));
    }
}
