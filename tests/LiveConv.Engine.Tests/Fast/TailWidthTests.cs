using LiveConv.Engine.Fast;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>
/// Every path at widths that leave every vector tail (1 ... 129), 1x1 frames and odd heights, at every SIMD tier,
/// on one thread and two.
/// </summary>
public class TailWidthTests
{
    public static TheoryData<int> Widths() => [1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129];

    private static readonly int[] Heights = [1, 3, 6, 7];

    /// <summary>The channel-sum path: 2D kernels on a BGR frame, through the fused ReLU + 2x2 max pooling.</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Widths))]
    public void Channel_sum_with_fused_pooling(int width)
    {
        foreach (int height in Heights)
        {
            var network = height >= 2 && width >= 2 ? StandardWorkloads.W1(width, height) : Detectors(width, height, pool: false);
            AtEveryTier(network, PixelFormat.Bgr);
        }
    }

    /// <summary>The 3D-kernel direct path: ten 5x5x3 filters (blocks of 5 + 5 or 3 + 3 + 2 + 2), fused pooling.</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Widths))]
    public void Three_d_filters_with_fused_pooling(int width)
    {
        foreach (int height in Heights)
        {
            if (height >= 2 && width >= 2)
            {
                AtEveryTier(StandardWorkloads.W2(width, height), PixelFormat.Rgb);
            }
        }
    }

    /// <summary>The direct path without pooling, one filter, gray (W4), and the same from a color frame (luma).</summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Widths))]
    public void Direct_without_pooling(int width)
    {
        foreach (int height in Heights)
        {
            var network = StandardWorkloads.W4(width, height);
            AtEveryTier(network, PixelFormat.Gray);
            AtEveryTier(network, PixelFormat.Bgr);
        }
    }

    /// <summary>
    /// Max pooling with stride 2 from the conv buffer (vector pair maxes, then the edge windows alone): even and odd
    /// windows, left pads 0 to 2 (ResNet's stem: 3x3, top/left 1), ceil mode's cut last window.
    /// </summary>
    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Widths))]
    public void Stride_two_max_pooling(int width)
    {
        var pools = new[]
        {
            new MaxPool2d(Size2.Square(3), Size2.Square(2), new Borders(1, 0, 1, 0), ceilMode: false),
            new MaxPool2d(Size2.Square(2), Size2.Square(2), new Borders(1, 1, 1, 1), ceilMode: false),
            new MaxPool2d(Size2.Square(4), Size2.Square(2), new Borders(2, 0, 2, 1), ceilMode: true),
            new MaxPool2d(Size2.Square(5), Size2.Square(2), new Borders(0, 2, 0, 2), ceilMode: false),
        };
        foreach (var pool in pools.Where(p => width + p.Padding.Left + p.Padding.Right >= p.KernelSize.Width))
        {
            var network = Detectors(width, 7, pool: false);
            AtEveryTier(new Network(network.Input, [.. network.Layers, pool]), PixelFormat.Bgr);
        }
    }

    /// <summary>The general path (fast paths off) on the same shapes.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void General_path(int width)
    {
        foreach (int height in Heights)
        {
            var network = height >= 2 && width >= 2 ? StandardWorkloads.W1(width, height) : Detectors(width, height, pool: false);
            foreach (int dop in new[] { 1, 2 })
            {
                FastAssert.MatchesReference(network, StandardWorkloads.Frame(network, width, PixelFormat.Bgr), PixelFormat.Bgr,
                    new RunnerOptions { FastPaths = false, MaxDegreeOfParallelism = dop });
            }
        }
    }

    [Fact]
    [Trait("Category", "Simd")]
    public void One_by_one_frame()
    {
        AtEveryTier(StandardWorkloads.W4(1, 1), PixelFormat.Gray);
        AtEveryTier(Detectors(1, 1, pool: false), PixelFormat.Rgb);
    }

    private static void AtEveryTier(Network network, PixelFormat format)
    {
        var frame = StandardWorkloads.Frame(network, (network.Input.Width * 31) + network.Input.Height, format);
        foreach (var tier in FastAssert.Tiers())
        {
            foreach (int dop in new[] { 1, 2 })
            {
                FastAssert.MatchesReference(network, frame, format, new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = dop });
            }
        }
    }

    private static Network Detectors(int width, int height, bool pool)
    {
        var kernels = new[] { "vertical_line", "horizontal_line", "corner", "corner_180" }.Select(KernelLibrary.Get).ToArray();
        var layers = new List<Layer> { new Conv2d(kernels, padding: Padding.Explicit(1)), new Activation(ActivationKind.Relu) };
        if (pool)
        {
            layers.Add(new MaxPool2d(Size2.Square(2)));
        }

        return new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height), layers);
    }
}
