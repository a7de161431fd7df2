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
        int height = OutputLength(input.Height, KernelSize.Height, Stride.Height, Padding.Height);
        int width = OutputLength(input.Width, KernelSize.Width, Stride.Width, Padding.Width);
        if (height < 1 || width < 1)
        {
            int paddedH = input.Height + (2 * Padding.Height), paddedW = input.Width + (2 * Padding.Width);
            string reach = CeilMode ? $" by more than the stride {Stride} less one" : "";
            throw new ShapeException(
                $"pooling kernel {KernelSize.Height}x{KernelSize.Width} is larger than the padded input {paddedH}x{paddedW}{reach}");
        }

        return new Shape3(input.Channels, height, width);
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

    /// <summary>
    /// PyTorch's pooling_output_shape: floor((size + 2·pad − kernel [+ stride − 1 in ceil mode]) / stride) + 1, the
    /// division rounding down even when negative. So in ceil mode a window may reach past the padded input (by up
    /// to stride − 1), as long as the last window starts inside the input or the left padding.
    /// </summary>
    private int OutputLength(int size, int kernel, int stride, int pad)
    {
        int n = FloorDiv(size + (2 * pad) - kernel + (CeilMode ? stride - 1 : 0), stride) + 1;
        if (CeilMode && (n - 1) * stride >= size + pad)
        {
            n--;
        }

        return n;
    }

    private static int FloorDiv(int a, int b) => (a / b) - (a % b < 0 ? 1 : 0);
}
