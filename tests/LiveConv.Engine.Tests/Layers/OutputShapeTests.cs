using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Layers;

public class OutputShapeTests
{
    private static readonly Kernel Vertical = KernelLibrary.Get("vertical_line");

    [Theory]
    [InlineData(5, 3, 1, 0, 3)]
    [InlineData(5, 3, 1, 1, 5)]
    [InlineData(5, 3, 2, 0, 2)]
    [InlineData(5, 3, 2, 1, 3)]
    [InlineData(1280, 3, 1, 1, 1280)]
    [InlineData(720, 5, 2, 2, 360)]
    public void Conv_OutputSize_FollowsTheLectureFormula(int size, int kernel, int stride, int padding, int expected)
    {
        // (H − F + 2P) / S + 1, rounded down.
        var k = Kernel.Create("k", null, kernel, kernel, new float[kernel * kernel]);
        var conv = new Conv2d([k], Size2.Square(stride), Padding.Explicit(padding));

        var shape = conv.OutputShape(new Shape3(1, size, size));

        Assert.Equal(expected, (size - kernel + (2 * padding)) / stride + 1);
        Assert.Equal(new Shape3(1, expected, expected), shape);
    }

    [Theory]
    [InlineData(3, 1, 7, 7)]
    [InlineData(4, 1, 7, 7)]
    [InlineData(3, 2, 7, 7)]
    [InlineData(2, 3, 6, 6)]
    public void Conv_SamePadding_KeepsTheSizeForEveryKernelAndDilation(int kernel, int dilation, int h, int w)
    {
        var k = Kernel.Create("k", null, kernel, kernel, new float[kernel * kernel]);
        var conv = new Conv2d([k], padding: Padding.Same, dilation: Size2.Square(dilation));

        Assert.Equal(new Shape3(1, h, w), conv.OutputShape(new Shape3(2, h, w)));
    }

    [Fact]
    public void Conv_SamePaddingWithEvenKernel_PutsTheExtraRowAtTheBottom()
    {
        var k = Kernel.Create("k", null, 4, 2, new float[8]);

        Assert.Equal(new Borders(1, 2, 0, 1), new Conv2d([k], padding: Padding.Same).Borders);
    }

    [Fact]
    public void Conv_NonSquareStrideAndDilation_UseTheirOwnAxis()
    {
        var k = Kernel.Create("k", null, 3, 2, new float[6]);
        var conv = new Conv2d([k], new Size2(2, 1), Padding.Explicit(1, 0), dilation: new Size2(1, 3));

        // H: (9 + 2 − 3) / 2 + 1 = 5; W: (10 − 4) / 1 + 1 = 7.
        Assert.Equal(new Shape3(1, 5, 7), conv.OutputShape(new Shape3(1, 9, 10)));
    }

    [Theory]
    [InlineData(4, 2, 2, 0, false, 2)]
    [InlineData(5, 2, 2, 0, false, 2)]
    [InlineData(5, 2, 2, 0, true, 3)]
    [InlineData(5, 3, 2, 1, true, 3)]
    [InlineData(6, 3, 3, 1, true, 3)]
    [InlineData(1, 1, 1, 0, false, 1)]
    public void Pool_OutputSize_FollowsPyTorch(int size, int kernel, int stride, int padding, bool ceil, int expected)
    {
        var pool = new MaxPool2d(Size2.Square(kernel), Size2.Square(stride), Size2.Square(padding), ceil);

        Assert.Equal(new Shape3(2, expected, expected), pool.OutputShape(new Shape3(2, size, size)));
    }

    [Fact]
    public void Network_KernelLargerThanPaddedInput_NamesTheLayer()
    {
        var layers = new Layer[] { new Activation(ActivationKind.Relu), new Conv2d([Vertical]) };

        var e = Assert.Throws<NetworkException>(() => new Network(new InputSpec(PixelFormat.Gray, 1f, 2, 2), layers));

        Assert.Equal(1, e.LayerIndex);
        Assert.Contains("layer 1 (conv2d)", e.Message, StringComparison.Ordinal);
        Assert.Contains("larger than the padded input 2x2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_DepthMismatch_NamesKernelAndChannels()
    {
        var color = Kernel.Create("color", 3, 1, 1, [1f, 2f, 3f]);

        var e = Assert.Throws<NetworkException>(() => new Network(new InputSpec(PixelFormat.Gray, 1f, 4, 4), [new Conv2d([color])]));

        Assert.Contains("kernel 'color' has depth 3 but each filter sees 1 input channel", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PaddingMode.Reflect, 2, 2, "reflect padding")]
    [InlineData(PaddingMode.Circular, 3, 2, "circular padding")]
    public void Conv_BorderWiderThanInput_IsRejected(PaddingMode mode, int padding, int size, string expected)
    {
        var k = Kernel.Create("k", null, 1, 1, [1f]);
        var conv = new Conv2d([k], padding: Padding.Explicit(padding), paddingMode: mode);

        var e = Assert.Throws<ShapeException>(() => conv.OutputShape(new Shape3(1, size, size)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv_GroupsNotDividingChannels_IsRejected()
    {
        var conv = new Conv2d([Vertical, Vertical], groups: 2);

        Assert.Throws<ShapeException>(() => conv.OutputShape(new Shape3(3, 8, 8)));
    }

    [Fact]
    public void Conv_InvalidSettings_AreRejectedAtConstruction()
    {
        Assert.Throws<ShapeException>(() => new Conv2d([Vertical], stride: Size2.Square(0)));
        Assert.Throws<ShapeException>(() => new Conv2d([Vertical], dilation: new Size2(1, -1)));
        Assert.Throws<ShapeException>(() => new Conv2d([Vertical], padding: Padding.Explicit(-1)));
        Assert.Throws<ShapeException>(() => new Conv2d([Vertical], stride: Size2.Square(2), padding: Padding.Same));
        Assert.Throws<ShapeException>(() => new Conv2d([Vertical, Vertical, Vertical], groups: 2));
        Assert.Throws<ShapeException>(() => new MaxPool2d(Size2.Square(0)));
        Assert.Throws<ShapeException>(() => new AvgPool2d(Size2.Square(2), padding: Size2.Square(2)));
    }
}
