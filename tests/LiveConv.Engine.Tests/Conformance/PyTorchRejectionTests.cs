using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>
/// Settings PyTorch refuses must be refused here too, with the layer's own exception when the settings contradict
/// each other and a NetworkException when only the input shape makes them impossible. Each row names the PyTorch
/// error it mirrors; the boundary rows next to them show the limit is exactly PyTorch's, not one off.
/// </summary>
public sealed class PyTorchRejectionTests
{
    public static TheoryData<string, int, int, int, Func<Layer>, bool> Cases => new()
    {
        // "Padding size should be less than the corresponding input dimension" (reflect).
        { "reflect pad = height", 1, 3, 8, () => Conv(3, Padding.Explicit(3, 0), PaddingMode.Reflect), false },
        { "reflect pad = height - 1", 1, 3, 8, () => Conv(3, Padding.Explicit(2, 0), PaddingMode.Reflect), true },
        { "reflect same on 1-wide", 1, 5, 1, () => Conv(3, Padding.Same, PaddingMode.Reflect), false },

        // Circular padding may wrap at most once: pad <= size.
        { "circular pad > width", 1, 5, 2, () => Conv(3, Padding.Explicit(0, 3), PaddingMode.Circular), false },
        { "circular pad = width", 1, 5, 2, () => Conv(3, Padding.Explicit(0, 2), PaddingMode.Circular), true },

        // "Kernel size can't be greater than actual input size".
        { "kernel > input", 1, 4, 4, () => Conv(5, Padding.Valid), false },
        { "kernel = input", 1, 4, 4, () => Conv(4, Padding.Valid), true },
        { "dilated kernel > padded input", 1, 5, 5, () => Conv(3, Padding.Explicit(0), dilation: 3), false },
        { "dilated kernel = padded input", 1, 5, 5, () => Conv(3, Padding.Explicit(1), dilation: 3), true },

        // "in_channels must be divisible by groups"; weight depth must be in_channels / groups.
        { "groups do not divide channels", 3, 5, 5, () => Conv(3, Padding.Valid, groups: 2, filters: 2), false },
        { "3D kernel depth != C/groups", 3, 5, 5, () => Conv(3, Padding.Valid, depth: 2), false },
        { "3D kernel depth = C", 3, 5, 5, () => Conv(3, Padding.Valid, depth: 3), true },

        // Pooling: "pad should be at most half of effective kernel size"; "Output size is too small".
        { "pool window > padded input", 1, 2, 2, () => new MaxPool2d(Size2.Square(3), padding: default), false },
        { "pool window wider than padded input", 1, 2, 2, () => new AvgPool2d(Size2.Square(3), padding: new Size2(1, 0)), false },
        { "ceil pool window past padded input by stride", 1, 2, 2, () => new MaxPool2d(Size2.Square(3), Size2.Square(1), ceilMode: true), false },
        { "ceil pool window past padded input by < stride", 1, 2, 2, () => new MaxPool2d(Size2.Square(3), ceilMode: true), true },
        { "ceil avg pool window past padded input", 1, 2, 3, () => new AvgPool2d(Size2.Square(4), Size2.Square(2), new Size2(1, 0), true, false), true },
        { "pool window fits with padding", 1, 2, 2, () => new AvgPool2d(Size2.Square(3), padding: Size2.Square(1)), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Network_ShapePyTorchRejects_IsRejected(string name, int channels, int height, int width, Func<Layer> layer, bool valid)
    {
        var spec = new InputSpec(channels == 1 ? PixelFormat.Gray : PixelFormat.Bgr, InputSpec.DefaultScale, width, height);
        Network Build() => new(spec, [layer()]);

        if (valid)
        {
            Assert.Equal(0, ReferenceCheck(Build()));
        }
        else
        {
            var e = Assert.Throws<NetworkException>(Build);
            Assert.True(e.LayerIndex == 0, $"{name}: {e.Message}");
        }
    }

    [Fact]
    public void Conv2d_SamePaddingWithStride_IsRejected() =>
        Assert.Throws<ShapeException>(() => new Conv2d([Kernel2D(3)], stride: new Size2(1, 2), padding: Padding.Same));

    [Fact]
    public void Conv2d_GroupsNotDividingFilters_IsRejected() =>
        Assert.Throws<ShapeException>(() => new Conv2d([Kernel2D(3), Kernel2D(3), Kernel2D(3)], groups: 2));

    [Fact]
    public void Conv2d_NegativePadding_IsRejected() =>
        Assert.Throws<ShapeException>(() => new Conv2d([Kernel2D(3)], padding: Padding.Explicit(-1, 0)));

    [Fact]
    public void Pool2d_PaddingOverHalfTheWindow_IsRejected()
    {
        Assert.Throws<ShapeException>(() => new MaxPool2d(new Size2(3, 4), padding: new Size2(2, 0)));
        Assert.Throws<ShapeException>(() => new AvgPool2d(new Size2(3, 4), padding: new Size2(0, 3)));
        _ = new AvgPool2d(new Size2(3, 4), padding: new Size2(1, 2)); // exactly half: allowed, as in PyTorch
    }

    /// <summary>Valid rows must also run, and agree with ONNX Runtime; returns the number of differing layers.</summary>
    private static int ReferenceCheck(Network network)
    {
        var input = new Tensor(network.InputShape);
        for (int i = 0; i < input.Data.Length; i++)
        {
            input.Data[i] = (i % 7) / 7f;
        }

        var ours = Engine.Reference.ReferenceEngine.Run(network, input);
        var theirs = OnnxOracle.Run(network, input);
        return ours.Zip(theirs).Count(p => Allclose.FirstMismatch(p.First, p.Second, ConformanceTests.Atol, ConformanceTests.Rtol) is not null);
    }

    private static Kernel Kernel2D(int size) => Kernel.Create("k", null, size, size, Enumerable.Repeat(0.5f, size * size).ToArray(), 0.25f);

    private static Conv2d Conv(
        int size, Padding padding, PaddingMode mode = PaddingMode.Zeros, int dilation = 1, int groups = 1, int filters = 1, int? depth = null)
    {
        var kernels = Enumerable.Range(0, filters)
            .Select(f => Kernel.Create($"k{f}", depth, size, size, Enumerable.Range(0, (depth ?? 1) * size * size).Select(i => (i % 5) / 5f).ToArray(), 0.1f))
            .ToArray();
        return new Conv2d(kernels, padding: padding, paddingMode: mode, dilation: Size2.Square(dilation), groups: groups);
    }
}
