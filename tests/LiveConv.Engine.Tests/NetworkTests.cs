using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests;

public class NetworkTests
{
    private static readonly Network Block = new(
        new InputSpec(PixelFormat.Gray, 1f, 9, 7),
        [new Conv2d([KernelLibrary.Get("sobel_x")], padding: Padding.Same), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);

    [Fact]
    public void Through_KeepsTheLayersUpToOne_WithTheSameOutputs()
    {
        var input = new Tensor(Block.InputShape);
        for (int i = 0; i < input.Data.Length; i++)
        {
            input.Data[i] = (i * 7) % 11;
        }

        var cut = Block.Through(1);

        Assert.Equal(2, cut.Layers.Count);
        Assert.Same(Block.Layers[1], cut.Layers[1]);
        Assert.Equal(ReferenceEngine.Run(Block, input)[1].Data, ReferenceEngine.Run(cut, input)[1].Data);
        Assert.Same(Block, Block.Through(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Block.Through(3));
    }
}
