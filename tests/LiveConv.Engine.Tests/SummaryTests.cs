using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests;

public class SummaryTests
{
    [Fact]
    public void FiveByFiveKernelOnRgb_HasSeventyFiveWeights()
    {
        var k = Kernel.Create("k", null, 5, 5, new float[25]);
        var net = new Network(new InputSpec(PixelFormat.Rgb, 1f, 32, 32), [new Conv2d([k])]);

        Assert.Equal(75, net.Summarize()[0].Cost.Weights);
    }

    [Fact]
    public void TenFiltersFiveByFiveByThree_Have760Parameters_AndTheLecturesNeurons()
    {
        var filters = Enumerable.Range(0, 10).Select(i => Kernel.Create($"f{i}", 3, 5, 5, new float[75], bias: 0.1f * i)).ToArray();
        var net = new Network(new InputSpec(PixelFormat.Rgb, 1f, 32, 32), [new Conv2d(filters)]);

        var cost = net.Summarize()[0].Cost;

        Assert.Equal(750, cost.Weights);
        Assert.Equal(10, cost.Biases);
        Assert.Equal(760, cost.Parameters);
        Assert.Equal(28 * 28 * 10, cost.Neurons); // (32 − 5 + 0)/1 + 1 = 28
        Assert.Equal(28L * 28 * 10 * 75, cost.MultiplyAccumulates);
    }

    [Fact]
    public void PoolingAndActivation_HaveNoParameters()
    {
        var net = new Network(
            new InputSpec(PixelFormat.Gray, 1f, 8, 8),
            [new Conv2d([KernelLibrary.Get("corner")], padding: Padding.Same), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);

        var rows = net.Summarize();

        Assert.Equal([new Shape3(1, 8, 8), new Shape3(1, 8, 8), new Shape3(1, 4, 4)], rows.Select(r => r.OutputShape));
        Assert.All(rows.Skip(1), r => Assert.Equal(0, r.Cost.Parameters));
    }
}
