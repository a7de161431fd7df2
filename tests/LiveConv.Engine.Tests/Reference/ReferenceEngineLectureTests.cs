using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Reference;

public class ReferenceEngineLectureTests
{
    public static TheoryData<int, int, float[][]> ConvCases => new()
    {
        // Each value checked by hand, e.g. (0,0) at stride 1 without padding:
        // 1·-1 + 2·1 + 0·2 + 1·1 + 0·1 + 0·0 + 2·-1 + 1·-2 + 2·0 = -2.
        { 1, 0, [[-2, -1, 3], [2, 5, 8], [-2, 0, -1]] },
        { 1, 1, [[-1, 2, 2, -1, -2], [2, -2, -1, 3, -1], [3, 2, 5, 8, 2], [2, -2, 0, -1, -3], [1, 5, 4, 1, 2]] },
        { 2, 0, [[-2, 3], [-2, -1]] },
        { 2, 1, [[-1, 2, -2], [3, 5, 2], [1, 4, 2]] },
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv_LectureExample_MatchesHandComputedOutput(int stride, int padding, float[][] expected)
    {
        var conv = new Conv2d([TensorRows.Kernel2D("lecture", LectureExamples.ConvKernel)], Size2.Square(stride), Padding.Explicit(padding));

        var y = ReferenceEngine.Forward(conv, Tensor.FromRows(LectureExamples.ConvInput));

        Assert.Equal(expected, TensorRows.Rows(y));
    }

    [Fact]
    public void MaxPool_LectureExample_Gives8514()
    {
        var y = ReferenceEngine.Forward(new MaxPool2d(Size2.Square(2)), Tensor.FromRows(LectureExamples.PoolInput));

        Assert.Equal([[8f, 5f], [1f, 4f]], TensorRows.Rows(y));
    }

    [Fact]
    public void AvgPool_LectureExample_Gives2_15_025_15()
    {
        var y = ReferenceEngine.Forward(new AvgPool2d(Size2.Square(2)), Tensor.FromRows(LectureExamples.PoolInput));

        Assert.Equal([[2f, 1.5f], [0.25f, 1.5f]], TensorRows.Rows(y));
    }

    [Fact]
    public void Relu_KeepsPositivesAndZeroesNegatives()
    {
        var y = ReferenceEngine.Forward(new Activation(ActivationKind.Relu), Tensor.FromRows([[-2, 0, 3.5f]]));

        Assert.Equal([[0f, 0f, 3.5f]], TensorRows.Rows(y));
    }

    [Fact]
    public void Conv_TwoDKernelOnThreeChannels_IsTheSumOfThreeStackedKernels()
    {
        // The lecture's "three 3x3 kernels stacked": a 2D kernel on RGB equals the 3D kernel repeating it.
        var rgb = new Tensor(new Shape3(3, 5, 5));
        for (int i = 0; i < rgb.Data.Length; i++)
        {
            rgb.Data[i] = (i * 7 % 11) - 5;
        }

        var broadcast = TensorRows.Kernel2D("lecture", LectureExamples.ConvKernel);
        var stacked = Kernels.Kernel.Create("stacked", 3, 3, 3, [.. broadcast.Weights, .. broadcast.Weights, .. broadcast.Weights]);

        var a = ReferenceEngine.Forward(new Conv2d([broadcast], padding: Padding.Explicit(1)), rgb);
        var b = ReferenceEngine.Forward(new Conv2d([stacked], padding: Padding.Explicit(1)), rgb);

        Assert.Equal(b.Data, a.Data);
    }
}
