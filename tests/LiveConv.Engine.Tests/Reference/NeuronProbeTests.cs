using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Reference;

public class NeuronProbeTests
{
    private static Tensor Input(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var x = new Tensor(new Shape3(channels, height, width));
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return x;
    }

    private static Kernel Random3D(string name, int depth, int size, int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, depth * size * size).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        return Kernel.Create(name, depth, size, size, weights, bias: 0.25f);
    }

    public static TheoryData<int, int, string, string> Layouts => new()
    {
        { 1, 1, "same", "zeros" },
        { 2, 1, "valid", "zeros" },
        { 2, 1, "1", "reflect" },
        { 1, 2, "2", "replicate" },
        { 3, 1, "1", "circular" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryNeuron_MatchesTheReferenceBeforeAndAfterTheActivation(int stride, int dilation, string padding, string mode)
    {
        var pad = padding switch { "same" => Padding.Same, "valid" => Padding.Valid, _ => Padding.Explicit(int.Parse(padding, System.Globalization.CultureInfo.InvariantCulture)) };
        var conv = new Conv2d([Random3D("a", 3, 3, 1), Random3D("b", 3, 3, 2)], Size2.Square(stride), pad,
            Enum.Parse<PaddingMode>(mode, ignoreCase: true), Size2.Square(dilation));
        var network = new Network(new InputSpec(PixelFormat.Bgr, 1f, 11, 9), [conv, new Activation(ActivationKind.LeakyRelu, 0.1f)]);
        var input = Input(3, 9, 11, seed: stride + dilation);
        var outputs = ReferenceEngine.Run(network, input);

        var shape = network.Shapes[0];
        for (int k = 0; k < shape.Channels; k++)
        {
            for (int i = 0; i < shape.Height; i++)
            {
                for (int j = 0; j < shape.Width; j++)
                {
                    var neuron = NeuronProbe.Explain(network, input, k, i, j);
                    Assert.Equal(outputs[0][k, i, j], neuron.Z);
                    Assert.Equal(outputs[1][k, i, j], neuron.A);
                    // The shown sum is added from 0, z from the bias (as the reference does): equal up to rounding.
                    Assert.Equal(neuron.Sum + neuron.Bias, neuron.Z, 1e-5f);
                }
            }
        }
    }

    [Fact]
    public void LectureVerticalLine_ShowsItsWindowKernelAndProducts()
    {
        // A vertical line of ones in the middle column of a 3x3 window: the detector's best match.
        var kernel = KernelLibrary.Get("vertical_line");
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 5, 5), [new Conv2d([kernel]), new Activation(ActivationKind.Relu)]);
        var input = new Tensor(new Shape3(1, 5, 5));
        for (int r = 0; r < 5; r++)
        {
            input[0, r, 2] = 1f;
        }

        var neuron = NeuronProbe.Explain(network, input, 0, 0, 1);

        Assert.Equal((0, 1, 3, 3), (neuron.Top, neuron.Left, neuron.Height, neuron.Width));
        Assert.Equal(1f, neuron.Inputs[0, 1, 1]);
        Assert.Equal(kernel.Weight(0, 1, 1), neuron.Weights[0, 1, 1]);
        Assert.Equal(neuron.Inputs[0, 2, 1] * neuron.Weights[0, 2, 1], neuron.Products[0, 2, 1]);
        Assert.Equal(Math.Max(0f, neuron.Z), neuron.A);
    }

    [Fact]
    public void NotAConvolutionFirst_SaysSo()
    {
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 4, 4), [new MaxPool2d(Size2.Square(2))]);
        var error = Assert.Throws<ArgumentException>(() => NeuronProbe.Explain(network, new Tensor(new Shape3(1, 4, 4)), 0, 0, 0));
        Assert.Contains("convolution as the first layer", error.Message, StringComparison.Ordinal);
    }
}
