using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Reference;

/// <summary>The layers and settings ONNX models bring (issue 12), each on a case small enough to compute by hand.</summary>
public class ReferenceEngineOnnxLayerTests
{
    [Fact]
    public void Conv_AsymmetricPadding_AddsEachSideOnItsOwn()
    {
        // A 1x1 identity kernel shows the padded input itself: one row on top, one column on the right.
        var conv = new Conv2d([TensorRows.Kernel2D("id", [[1]])], padding: Padding.Explicit(new Borders(1, 0, 0, 1)));

        var y = ReferenceEngine.Forward(conv, Tensor.FromRows([[1, 2], [3, 4]]));

        Assert.Equal([[0f, 0, 0], [1, 2, 0], [3, 4, 0]], TensorRows.Rows(y));
    }

    [Fact]
    public void MaxPool_Dilation2_TakesEverySecondValue()
    {
        // Windows {0, 2}, {1, 3}, {2, 4} of 1 5 2 4 3: max(1, 2), max(5, 4), max(2, 3).
        var pool = new MaxPool2d(new Size2(1, 2), Size2.Square(1), default, ceilMode: false, dilation: new Size2(1, 2));

        var y = ReferenceEngine.Forward(pool, Tensor.FromRows([[1, 5, 2, 4, 3]]));

        Assert.Equal([[2f, 5, 3]], TensorRows.Rows(y));
    }

    [Theory]
    [InlineData(true, new[] { 0.5f, 2.5f, 4f })]
    [InlineData(false, new[] { 1f, 2.5f, 4f })]
    public void AvgPool_AsymmetricCeil_CutsTheLastWindowAtTheEndPadding(bool countIncludePad, float[] expected)
    {
        // Width 4, window 2, stride 2, left pad 1, right pad 0, ceil: floor((4 + 1 − 2 + 1) / 2) + 1 = 3 windows at
        // −1, 1, 3. The first holds the pad and 1 (divisor 2 or 1); the last is cut at column 4, so it holds 4 alone.
        var pool = new AvgPool2d(new Size2(1, 2), new Size2(1, 2), new Borders(0, 0, 1, 0), ceilMode: true, countIncludePad);

        var y = ReferenceEngine.Forward(pool, Tensor.FromRows([[1, 2, 3, 4]]));

        Assert.Equal([expected], TensorRows.Rows(y));
    }

    [Fact]
    public void MaxPool_ResNetStemPads_GiveOnnxShape()
    {
        // ResNet-18's max pool: 3x3, stride 2, pads top/left 1, bottom/right 0, on conv1's 112x112.
        var pool = new MaxPool2d(Size2.Square(3), Size2.Square(2), new Borders(1, 0, 1, 0), ceilMode: false);

        Assert.Equal(new Shape3(64, 56, 56), pool.OutputShape(new Shape3(64, 112, 112)));
    }

    [Fact]
    public void Clip_Relu6_HoldsValuesWithinZeroAndSix()
    {
        var y = ReferenceEngine.Forward(Activation.Clip(0, 6), Tensor.FromRows([[-1, 0.5f, 7]]));

        Assert.Equal([[0f, 0.5f, 6]], TensorRows.Rows(y));
    }

    [Fact]
    public void ScaleShift_ScalesAndShiftsEachChannel()
    {
        var x = new Tensor(new Shape3(2, 1, 2), [1, 2, 3, 4]);

        var y = ReferenceEngine.Forward(new ScaleShift([2, -1], [1, 0]), x);

        Assert.Equal([3f, 5, -3, -4], y.Data);
    }

    [Theory]
    [InlineData(PadMode.Constant, new[] { 9f, 9, 1, 2, 3, 9 })]
    [InlineData(PadMode.Reflect, new[] { 3f, 2, 1, 2, 3, 2 })]
    [InlineData(PadMode.Edge, new[] { 1f, 1, 1, 2, 3, 3 })]
    public void Pad_EachMode_FillsTheBorder(PadMode mode, float[] expected)
    {
        var y = ReferenceEngine.Forward(new Pad2d(new Borders(0, 0, 2, 1), mode, 9), Tensor.FromRows([[1, 2, 3]]));

        Assert.Equal([expected], TensorRows.Rows(y));
    }

    [Fact]
    public void Add_OfTheInputAndOfALayer_SumsElementWise()
    {
        var spec = new InputSpec(PixelFormat.Gray, 1f, 2, 1);
        var network = new Network(spec, [new Activation(ActivationKind.Relu), new ResidualAdd(ResidualAdd.NetworkInput), new ResidualAdd(0)]);

        var outputs = ReferenceEngine.Run(network, Tensor.FromRows([[-1, 2]]));

        Assert.Equal([[-1f, 4]], TensorRows.Rows(outputs[1])); // relu(x) + x
        Assert.Equal([[-1f, 6]], TensorRows.Rows(outputs[2])); // (relu(x) + x) + relu(x)
    }

    [Fact]
    public void InputMeanStd_AppliedAfterTheScale()
    {
        // Pixel 51 · (1/255) = 0.2; (0.2 − 0.1) / 0.5 = 0.2. Pixel 0: (0 − 0.1) / 0.5 = −0.2.
        var spec = new InputSpec(PixelFormat.Gray, InputSpec.DefaultScale, 2, 1) { Mean = [0.1f], Std = [0.5f] };
        var network = new Network(spec, [new Activation(ActivationKind.None)]);

        var y = ReferenceEngine.Run(network, [51, 0], PixelFormat.Gray)[0];

        Assert.Equal(0.2f, y[0, 0, 0], 6);
        Assert.Equal(-0.2f, y[0, 0, 1], 6);
    }
}
