using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// What max and average pooling share (PyTorch and ONNX semantics): a window (dilated for max pooling), a stride
/// (default: the window), an implicit border on each side of at most half the window, and floor or ceil rounding of
/// the output size. No parameters.
/// </summary>
public abstract class Pool2d : Layer
{
    protected Pool2d(Size2 kernel, Size2? stride, Borders padding, bool ceilMode, Size2? dilation)
    {
        KernelSize = kernel;
        Stride = stride ?? kernel;
        Padding = padding;
        CeilMode = ceilMode;
        Dilation = dilation ?? Size2.Square(1);

        if (KernelSize.Height <= 0 || KernelSize.Width <= 0)
        {
            throw new ShapeException($"pooling kernel must be positive, got {KernelSize}");
        }

        if (Stride.Height <= 0 || Stride.Width <= 0)
        {
            throw new ShapeException($"stride must be positive, got {Stride}");
        }

        if (Dilation.Height <= 0 || Dilation.Width <= 0)
        {
            throw new ShapeException($"dilation must be positive, got {Dilation}");
        }

        if (Padding.IsNegative)
        {
            throw new ShapeException($"padding must not be negative, got {Padding}");
        }

        // Half the (dilated) window keeps a real pixel in every window that starts in the padding (PyTorch's rule);
        // ONNX Runtime also wants each pad smaller than the undilated kernel.
        if (Math.Max(Padding.Top, Padding.Bottom) > MaxPad(KernelSize.Height, Dilation.Height)
            || Math.Max(Padding.Left, Padding.Right) > MaxPad(KernelSize.Width, Dilation.Width))
        {
            string dilated = Dilation == Size2.Square(1) ? "" : $" (and smaller than the kernel {KernelSize} when dilated)";
            throw new ShapeException($"padding {Padding} must be at most half the pooling kernel {EffectiveKernel}{dilated}");
        }
    }

    public Size2 KernelSize { get; }

    public Size2 Stride { get; }

    public Borders Padding { get; }

    public bool CeilMode { get; }

    /// <summary>The spacing of the window's taps (ONNX MaxPool's dilations); 1 for average pooling.</summary>
    public Size2 Dilation { get; }

    /// <summary>The span one window covers: d·(k−1)+1 per axis.</summary>
    public Size2 EffectiveKernel => new((Dilation.Height * (KernelSize.Height - 1)) + 1, (Dilation.Width * (KernelSize.Width - 1)) + 1);

    public override Shape3 OutputShape(Shape3 input)
    {
        var eff = EffectiveKernel;
        int height = OutputLength(input.Height, eff.Height, Stride.Height, Padding.Top, Padding.Bottom);
        int width = OutputLength(input.Width, eff.Width, Stride.Width, Padding.Left, Padding.Right);
        if (height < 1 || width < 1)
        {
            int paddedH = input.Height + Padding.Vertical, paddedW = input.Width + Padding.Horizontal;
            string reach = CeilMode ? $" by more than the stride {Stride} less one" : "";
            throw new ShapeException(
                $"pooling kernel {eff.Height}x{eff.Width} is larger than the padded input {paddedH}x{paddedW}{reach}");
        }

        // A dilated window can step over a small input altogether: it would have no value to take.
        int blindRow = BlindWindow(input.Height, height, Stride.Height, Padding.Top, KernelSize.Height, Dilation.Height);
        int blindColumn = BlindWindow(input.Width, width, Stride.Width, Padding.Left, KernelSize.Width, Dilation.Width);
        if (blindRow >= 0 || blindColumn >= 0)
        {
            string where = blindRow >= 0 ? $"output row {blindRow}" : $"output column {blindColumn}";
            throw new ShapeException(
                $"the dilated pooling window of {where} sees only padding on the input {input.Height}x{input.Width}");
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

        if (Dilation != Size2.Square(1))
        {
            text += $", dilation {Dilation}";
        }

        return CeilMode ? text + ", ceil" : text;
    }

    /// <summary>
    /// PyTorch's pooling_output_shape, ONNX's with asymmetric pads: floor((size + begin + end − kernel [+ stride − 1
    /// in ceil mode]) / stride) + 1, the division rounding down even when negative. So in ceil mode a window may
    /// reach past the padded input (by up to stride − 1), as long as it starts inside the input or the begin padding.
    /// </summary>
    private int OutputLength(int size, int kernel, int stride, int begin, int end)
    {
        int n = FloorDiv(size + begin + end - kernel + (CeilMode ? stride - 1 : 0), stride) + 1;
        if (CeilMode && (n - 1) * stride >= size + begin)
        {
            n--;
        }

        return n;
    }

    /// <summary>The largest pad on one side: half the dilated window, and less than the kernel.</summary>
    public static int MaxPad(int kernel, int dilation) => Math.Min(((dilation * (kernel - 1)) + 1) / 2, kernel - 1);

    /// <summary>The first output index whose window taps (start + m·dilation) all fall outside [0, size), or −1.</summary>
    private static int BlindWindow(int size, int outputs, int stride, int begin, int kernel, int dilation)
    {
        for (int o = 0; o < outputs; o++)
        {
            int start = (o * stride) - begin;
            bool sees = false;
            for (int m = 0; m < kernel && !sees; m++)
            {
                int tap = start + (m * dilation);
                sees = tap >= 0 && tap < size;
            }

            if (!sees)
            {
                return o;
            }
        }

        return -1;
    }

    private static int FloorDiv(int a, int b) => (a / b) - (a % b < 0 ? 1 : 0);
}
