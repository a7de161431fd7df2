using LiveConv.App.Configuration;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Onnx;

/// <summary>
/// What Conv, MaxPool and AveragePool share in ONNX: kernel_shape, strides (default 1), dilations, and the border from
/// pads [top, left, bottom, right] or auto_pad. SAME_UPPER and SAME_LOWER pad to an output of ceil(size / stride),
/// the odd row or column at the end (UPPER) or the start (LOWER); that depends on the input size, so it is resolved
/// on the model's input and written out as explicit pads.
/// </summary>
internal readonly record struct SpatialWindow(Size2 Kernel, Size2 Stride, Size2 Dilation, Borders Pads)
{
    public static SpatialWindow Read(NodeAttributes attributes, Size2 kernel, Shape3 input, bool hasDilations, Func<string, ConfigException> error)
    {
        var stride = Pair(attributes.Ints("strides"), "strides", 1, error);
        var dilation = hasDilations ? Pair(attributes.Ints("dilations"), "dilations", 1, error) : Size2.Square(1);
        string autoPad = attributes.String("auto_pad", "NOTSET");
        var pads = autoPad switch
        {
            "NOTSET" => ExplicitPads(attributes.Ints("pads"), error),
            "VALID" => default,
            "SAME_UPPER" => Same(kernel, stride, dilation, input, upper: true),
            "SAME_LOWER" => Same(kernel, stride, dilation, input, upper: false),
            _ => throw error($"auto_pad \"{autoPad}\" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID"),
        };
        return new SpatialWindow(kernel, stride, dilation, pads);
    }

    /// <summary>A 2D kernel_shape, strides or dilations: exactly two positive values (absent: the fallback on both axes).</summary>
    public static Size2 Pair(long[]? values, string name, int fallback, Func<string, ConfigException> error)
    {
        if (values is null)
        {
            return Size2.Square(fallback);
        }

        if (values.Length != 2)
        {
            throw new UnsupportedNodeException($"{name} [{string.Join(", ", values)}] is not 2D; LiveConv takes images (N, C, H, W)");
        }

        if (values.Any(v => v < 1 || v > ConfigNode.MaxDimension))
        {
            throw error($"{name} [{string.Join(", ", values)}] must be between 1 and {ConfigNode.MaxDimension}");
        }

        return new Size2((int)values[0], (int)values[1]);
    }

    private static Borders ExplicitPads(long[]? pads, Func<string, ConfigException> error)
    {
        if (pads is null)
        {
            return default;
        }

        if (pads.Length != 4)
        {
            throw new UnsupportedNodeException($"pads [{string.Join(", ", pads)}] are not 2D (top, left, bottom, right)");
        }

        if (pads.Any(p => p < 0 || p > ConfigNode.MaxDimension))
        {
            throw error($"pads [{string.Join(", ", pads)}] must be between 0 and {ConfigNode.MaxDimension}");
        }

        // ONNX: [x1_begin, x2_begin, x1_end, x2_end] with x1 the rows.
        return new Borders((int)pads[0], (int)pads[2], (int)pads[1], (int)pads[3]);
    }

    private static Borders Same(Size2 kernel, Size2 stride, Size2 dilation, Shape3 input, bool upper)
    {
        int vertical = SameTotal(input.Height, kernel.Height, stride.Height, dilation.Height);
        int horizontal = SameTotal(input.Width, kernel.Width, stride.Width, dilation.Width);
        int top = upper ? vertical / 2 : vertical - (vertical / 2);
        int left = upper ? horizontal / 2 : horizontal - (horizontal / 2);
        return new Borders(top, vertical - top, left, horizontal - left);
    }

    /// <summary>The border that gives ceil(size / stride) outputs: (out − 1)·stride + d·(k − 1) + 1 − size, at least 0.</summary>
    private static int SameTotal(int size, int kernel, int stride, int dilation)
    {
        int outputs = (size + stride - 1) / stride;
        return Math.Max(0, ((outputs - 1) * stride) + (dilation * (kernel - 1)) + 1 - size);
    }
}
