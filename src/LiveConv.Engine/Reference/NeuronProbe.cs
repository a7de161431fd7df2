using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Reference;

/// <summary>
/// Looks inside one neuron of a network's first layer, a convolution on the input: its input window (the
/// receptive field), the kernel, the products, their sum plus the bias, and the value after the activation that
/// follows. Computed with the reference engine's own padding rule, so it matches the feature maps exactly.
/// Deeper layers are not covered: their receptive field spans several layers.
/// </summary>
public static class NeuronProbe
{
    /// <param name="input">The network's input tensor (a converted frame).</param>
    /// <exception cref="ArgumentException">The first layer is not a convolution, or the neuron is outside its output.</exception>
    public static NeuronExplanation Explain(Network network, Tensor input, int filter, int row, int column)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        if (network.Layers.Count == 0 || network.Layers[0] is not Conv2d conv)
        {
            throw new ArgumentException("looking inside a neuron needs a convolution as the first layer");
        }

        var output = network.Shapes[0];
        if (filter < 0 || filter >= output.Channels || row < 0 || row >= output.Height || column < 0 || column >= output.Width)
        {
            throw new ArgumentException($"neuron ({filter}, {row}, {column}) is outside the first layer's output {output}");
        }

        var kernel = conv.Kernels[filter];
        int channels = input.Channels / conv.Groups;
        int firstChannel = filter / (conv.Filters / conv.Groups) * channels;
        int height = conv.KernelSize.Height, width = conv.KernelSize.Width;
        int top = (row * conv.Stride.Height) - conv.Borders.Top;
        int left = (column * conv.Stride.Width) - conv.Borders.Left;
        var inputs = new float[channels, height, width];
        var weights = new float[channels, height, width];
        var products = new float[channels, height, width];
        // The same order of additions as the reference, so the sum matches it to the last bit.
        float z = kernel.Bias, sum = 0f;
        for (int c = 0; c < channels; c++)
        {
            for (int m = 0; m < height; m++)
            {
                for (int n = 0; n < width; n++)
                {
                    inputs[c, m, n] = ReferenceEngine.Padded(input, firstChannel + c, top + (m * conv.Dilation.Height), left + (n * conv.Dilation.Width), conv.PaddingMode);
                    weights[c, m, n] = kernel.Weight(c, m, n);
                    products[c, m, n] = inputs[c, m, n] * weights[c, m, n];
                    z += products[c, m, n];
                    sum += products[c, m, n];
                }
            }
        }

        var activation = network.Layers.Count > 1 ? network.Layers[1] as Activation : null;
        return new NeuronExplanation(0, filter, row, column, top, left, conv.EffectiveKernel.Height, conv.EffectiveKernel.Width,
            inputs, weights, products, sum, kernel.Bias, z, activation, activation?.Apply(z) ?? z);
    }
}
