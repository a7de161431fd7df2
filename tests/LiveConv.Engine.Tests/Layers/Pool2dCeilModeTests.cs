using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Layers;

/// <summary>
/// PyTorch sizes pooling output as floor((size + 2·pad − kernel + (ceil ? stride − 1 : 0)) / stride) + 1, so in
/// ceil mode a window may be larger than the padded input: nn.MaxPool2d(3, ceil_mode=True) on a 2x2 input gives
/// one value, the max of all four. The engine used to reject such pools.
/// </summary>
public sealed class Pool2dCeilModeTests
{
    private static readonly Tensor Input = Tensor.FromRows([[1f, 2f], [3f, 4f]]);

    [Fact]
    public void MaxPool_CeilModeWindowLargerThanInput_PoolsTheWholeInput()
    {
        var pool = new MaxPool2d(Size2.Square(3), ceilMode: true);

        var output = ReferenceEngine.Forward(pool, Input);

        Assert.Equal(new Shape3(1, 1, 1), output.Shape);
        Assert.Equal(4f, output[0, 0, 0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AvgPool_CeilModeWindowLargerThanInput_DividesByTheClippedWindow(bool countIncludePad)
    {
        // Without padding the window is cut at the input's edge either way: the divisor is 4, not 9.
        var pool = new AvgPool2d(Size2.Square(3), ceilMode: true, countIncludePad: countIncludePad);

        var output = ReferenceEngine.Forward(pool, Input);

        Assert.Equal(new Shape3(1, 1, 1), output.Shape);
        Assert.Equal(2.5f, output[0, 0, 0]);
    }

    [Fact]
    public void AvgPool_CeilModeWithPadding_CountsOnlyTheFirstPadding()
    {
        // Padded 4x4 (input at 1..2), window 5 starting at −1, cut at 2 + 1 = 3: 4x4 padded cells, 4 real ones.
        var pool = new AvgPool2d(Size2.Square(5), stride: Size2.Square(2), padding: Size2.Square(1), ceilMode: true);

        var output = ReferenceEngine.Forward(pool, Input);

        Assert.Equal(new Shape3(1, 1, 1), output.Shape);
        Assert.Equal(10f / 16f, output[0, 0, 0]);
    }

    [Theory]
    [InlineData(false, 2)] // floor mode never lets a window leave the padded input
    [InlineData(true, 1)]  // ceil mode allows at most stride − 1 past it
    public void Pool_WindowTooFarPastThePaddedInput_IsRejected(bool ceilMode, int stride)
    {
        var pool = new MaxPool2d(Size2.Square(3), Size2.Square(stride), ceilMode: ceilMode);

        Assert.Throws<ShapeException>(() => pool.OutputShape(Input.Shape));
    }
}
