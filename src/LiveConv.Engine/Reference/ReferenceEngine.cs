using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Reference;

/// <summary>
/// The plain scalar implementation: loops that read like the lecture's formulas, no tricks. It is the oracle
/// every fast path is tested against, and the one the worked examples are computed by.
/// </summary>
public static class ReferenceEngine
{
    /// <summary>Runs every layer; returns each layer's output, in order.</summary>
    public static IReadOnlyList<Tensor> Run(Network network, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape != network.InputShape)
        {
            throw new ArgumentException($"The network takes {network.InputShape}, got {input.Shape}.", nameof(input));
        }

        var outputs = new Tensor[network.Layers.Count];
        var x = input;
        for (int i = 0; i < outputs.Length; i++)
        {
            x = outputs[i] = Forward(network.Layers[i], x, network.Shapes[i]);
        }

        return outputs;
    }

    /// <summary>Converts an interleaved 8-bit frame as the network's input says, then runs every layer.</summary>
    public static IReadOnlyList<Tensor> Run(Network network, ReadOnlySpan<byte> frame, PixelFormat frameFormat)
    {
        ArgumentNullException.ThrowIfNull(network);
        var spec = network.Input;
        var input = new Tensor(spec.Shape);
        int rowStride = spec.Width * frameFormat.Channels();
        FrameConverter.Convert(frame, spec.Width, spec.Height, rowStride, frameFormat, spec.Color, spec.Scale, input);
        return Run(network, input);
    }

    public static Tensor Forward(Layer layer, Tensor input) => Forward(layer, input, layer.OutputShape(input.Shape));

    private static Tensor Forward(Layer layer, Tensor input, Shape3 outputShape) => layer switch
    {
        Conv2d conv => Convolve(conv, input, new Tensor(outputShape)),
        Activation act => Activate(act, input),
        MaxPool2d max => Pool(max, input, new Tensor(outputShape)),
        AvgPool2d avg => Pool(avg, input, new Tensor(outputShape)),
        _ => throw new NotSupportedException($"The reference engine does not know layer type '{layer.Type}'."),
    };

    private static Tensor Convolve(Conv2d conv, Tensor x, Tensor y)
    {
        var borders = conv.Borders;
        int filtersPerGroup = conv.Filters / conv.Groups;
        int channelsPerGroup = x.Channels / conv.Groups;
        for (int k = 0; k < conv.Filters; k++)
        {
            var kernel = conv.Kernels[k];
            int firstChannel = (k / filtersPerGroup) * channelsPerGroup;
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    // z = b + Σc Σm Σn X̃(c, i·sh + m·dh, j·sw + n·dw) · W(c, m, n)
                    float z = kernel.Bias;
                    for (int c = 0; c < channelsPerGroup; c++)
                    {
                        for (int m = 0; m < conv.KernelSize.Height; m++)
                        {
                            for (int n = 0; n < conv.KernelSize.Width; n++)
                            {
                                int row = (i * conv.Stride.Height) + (m * conv.Dilation.Height) - borders.Top;
                                int col = (j * conv.Stride.Width) + (n * conv.Dilation.Width) - borders.Left;
                                z += Padded(x, firstChannel + c, row, col, conv.PaddingMode) * kernel.Weight(c, m, n);
                            }
                        }
                    }

                    y[k, i, j] = z;
                }
            }
        }

        return y;
    }

    /// <summary>X̃: the input extended past its edges as the padding mode says.</summary>
    public static float Padded(Tensor x, int c, int row, int col, PaddingMode mode)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (row >= 0 && row < x.Height && col >= 0 && col < x.Width)
        {
            return x[c, row, col];
        }

        return mode switch
        {
            PaddingMode.Zeros => 0f,
            PaddingMode.Reflect => x[c, Reflect(row, x.Height), Reflect(col, x.Width)],
            PaddingMode.Replicate => x[c, Math.Clamp(row, 0, x.Height - 1), Math.Clamp(col, 0, x.Width - 1)],
            _ => x[c, Wrap(row, x.Height), Wrap(col, x.Width)],
        };
    }

    private static int Reflect(int i, int n) => n == 1 ? 0 : i < 0 ? -i : i >= n ? (2 * (n - 1)) - i : i;

    private static int Wrap(int i, int n) => ((i % n) + n) % n;

    private static Tensor Activate(Activation act, Tensor x)
    {
        var y = new Tensor(x.Shape);
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = act.Apply(x.Data[i]);
        }

        return y;
    }

    private static Tensor Pool(Pool2d pool, Tensor x, Tensor y)
    {
        bool isMax = pool is MaxPool2d;
        bool countPad = pool is AvgPool2d { CountIncludePad: true };
        for (int c = 0; c < y.Channels; c++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    // The window in padded coordinates, cut at the far edge of the padding (PyTorch).
                    int top = (i * pool.Stride.Height) - pool.Padding.Height;
                    int left = (j * pool.Stride.Width) - pool.Padding.Width;
                    int bottom = Math.Min(top + pool.KernelSize.Height, x.Height + pool.Padding.Height);
                    int right = Math.Min(left + pool.KernelSize.Width, x.Width + pool.Padding.Width);
                    int paddedCount = (bottom - top) * (right - left);

                    float max = float.NegativeInfinity, sum = 0f;
                    int count = 0;
                    for (int row = Math.Max(top, 0); row < Math.Min(bottom, x.Height); row++)
                    {
                        for (int col = Math.Max(left, 0); col < Math.Min(right, x.Width); col++)
                        {
                            float v = x[c, row, col];
                            max = Math.Max(max, v);
                            sum += v;
                            count++;
                        }
                    }

                    y[c, i, j] = isMax ? max : sum / (countPad ? paddedCount : count);
                }
            }
        }

        return y;
    }
}
