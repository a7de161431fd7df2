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
            x = outputs[i] = network.Layers[i] is ResidualAdd add
                ? Add(x, add.From == ResidualAdd.NetworkInput ? input : outputs[add.From])
                : Forward(network.Layers[i], x, network.Shapes[i]);
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
        FrameConverter.Normalize(spec, input);
        return Run(network, input);
    }

    /// <summary>One layer on its own; an add needs the network around it (<see cref="Run(Network, Tensor)"/>).</summary>
    public static Tensor Forward(Layer layer, Tensor input) => Forward(layer, input, layer.OutputShape(input.Shape));

    private static Tensor Forward(Layer layer, Tensor input, Shape3 outputShape) => layer switch
    {
        Conv2d conv => Convolve(conv, input, new Tensor(outputShape)),
        Activation act => Activate(act, input),
        MaxPool2d max => Pool(max, input, new Tensor(outputShape)),
        AvgPool2d avg => Pool(avg, input, new Tensor(outputShape)),
        ScaleShift affine => ScaleAndShift(affine, input),
        Pad2d pad => PadBorders(pad, input, new Tensor(outputShape)),
        ResidualAdd => throw new ArgumentException("An add needs the earlier output it adds: run the whole network.", nameof(layer)),
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
        var pad = pool.Padding;
        var eff = pool.EffectiveKernel;
        for (int c = 0; c < y.Channels; c++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    // The window in padded coordinates, cut at the far edge of the end padding (PyTorch, ONNX Runtime).
                    int top = (i * pool.Stride.Height) - pad.Top;
                    int left = (j * pool.Stride.Width) - pad.Left;
                    int bottom = Math.Min(top + eff.Height, x.Height + pad.Bottom);
                    int right = Math.Min(left + eff.Width, x.Width + pad.Right);
                    int paddedCount = (bottom - top) * (right - left);

                    // Taps every dilation step from the window's start; those in the padding are skipped.
                    float max = float.NegativeInfinity, sum = 0f;
                    int count = 0;
                    for (int row = top; row < bottom; row += pool.Dilation.Height)
                    {
                        for (int col = left; col < right; col += pool.Dilation.Width)
                        {
                            if (row >= 0 && row < x.Height && col >= 0 && col < x.Width)
                            {
                                float v = x[c, row, col];
                                max = Math.Max(max, v);
                                sum += v;
                                count++;
                            }
                        }
                    }

                    y[c, i, j] = isMax ? max : sum / (countPad ? paddedCount : count);
                }
            }
        }

        return y;
    }

    private static Tensor ScaleAndShift(ScaleShift affine, Tensor x)
    {
        var y = new Tensor(x.Shape);
        for (int c = 0; c < x.Channels; c++)
        {
            var from = x.Channel(c);
            var to = y.Channel(c);
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = affine.Apply(c, from[i]);
            }
        }

        return y;
    }

    /// <summary>y(c, i, j) = X̃(c, i − top, j − left), X̃ the input extended by the pad's mode (or its constant).</summary>
    private static Tensor PadBorders(Pad2d pad, Tensor x, Tensor y)
    {
        for (int c = 0; c < y.Channels; c++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    int row = i - pad.Borders.Top, col = j - pad.Borders.Left;
                    bool inside = row >= 0 && row < x.Height && col >= 0 && col < x.Width;
                    y[c, i, j] = pad.Mode == PadMode.Constant && !inside ? pad.Value : Padded(x, c, row, col, pad.PaddingMode);
                }
            }
        }

        return y;
    }

    private static Tensor Add(Tensor x, Tensor other)
    {
        var y = new Tensor(x.Shape);
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = x.Data[i] + other.Data[i];
        }

        return y;
    }
}
