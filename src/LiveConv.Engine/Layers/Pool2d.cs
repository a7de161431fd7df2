using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// What max and average pooling share (PyTorch semantics): a window, a stride (default: the window), an implicit
/// border of at most half the window, and floor or ceil rounding of the output size. No parameters.
/// </summary>
public abstract class Pool2d : Layer
{
    protected Pool2d(Size2 kernel, Size2? stride, Size2? padding, bool ceilMode)
    {
        KernelSize = kernel;
        Stride = stride ?? kernel;
        Padding = padding ?? default;
        CeilMode = ceilMode;

        if (KernelSize.Height <= 0 || KernelSize.Width <= 0)
        {
            throw new ShapeException($"pooling kernel must be positive, got {KernelSize}");
        }

        if (Stride.Height <= 0 || Stride.Width <= 0)
        {
            throw new ShapeException($"stride must be positive, got {Stride}");
        }

        if (Padding.Height < 0 || Padding.Width < 0)
        {
            throw new ShapeException($"padding must not be negative, got {Padding}");
        }

        if (Padding.Height > KernelSize.Height / 2 || Padding.Width > KernelSize.Width / 2)
        {
            throw new ShapeException($"padding {Padding} must be at most half the pooling kernel {KernelSize}");
        }
    }

    public Size2 KernelSize { get; }

    public Size2 Stride { get; }

    public Size2 Padding { get; }

    public bool CeilMode { get; }

    public override Shape3 OutputShape(Shape3 input)
    {
        int paddedH = input.Height + (2 * Padding.Height), paddedW = input.Width + (2 * Padding.Width);
        if (KernelSize.Height > paddedH || KernelSize.Width > paddedW)
        {
            throw new ShapeException(
                $"pooling kernel {KernelSize.Height}x{KernelSize.Width} is larger than the padded input {paddedH}x{paddedW}");
        }

        return new Shape3(input.Channels, OutputLength(input.Height, KernelSize.Height, Stride.Height, Padding.Height),
            OutputLength(input.Width, KernelSize.Width, Stride.Width, Padding.Width));
    }

    public override string Describe()
    {
        string text = $"{Type} {KernelSize.Height}x{KernelSize.Width}, stride {Stride}";
        if (Padding != default)
        {
            text += $", padding {Padding}";
        }

        return CeilMode ? text + ", ceil" : text;
    }

    private int OutputLength(int size, int kernel, int stride, int pad)
    {
        int span = size + (2 * pad) - kernel;
        int n = (CeilMode ? (span + stride - 1) / stride : span / stride) + 1;

        // PyTorch: the last window must start inside the input or the left padding.
        if (CeilMode && (n - 1) * stride >= size + pad)
        {
            n--;
        }

        return n;
    }
}
