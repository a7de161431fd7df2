using LiveConv.Engine.Kernels;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// A convolutional layer with CNN semantics (cross-correlation, as the lecture's formula and PyTorch):
/// z(k, i, j) = b(k) + Σc Σm Σn X̃(c, i·sh + m·dh, j·sw + n·dw) · W(k, c, m, n), X̃ the padded input.
/// </summary>
public sealed class Conv2d : Layer
{
    public Conv2d(
        IReadOnlyList<Kernel> kernels,
        Size2? stride = null,
        Padding? padding = null,
        PaddingMode paddingMode = PaddingMode.Zeros,
        Size2? dilation = null,
        int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        if (kernels.Count == 0)
        {
            throw new ShapeException("a convolution needs at least one kernel");
        }

        var first = kernels[0];
        foreach (var k in kernels)
        {
            if (k.Height != first.Height || k.Width != first.Width)
            {
                throw new ShapeException(
                    $"all kernels of a layer must have one size: '{first.Name}' is {first.Height}x{first.Width}, '{k.Name}' is {k.Height}x{k.Width}");
            }
        }

        Kernels = kernels.ToArray();
        KernelSize = new Size2(first.Height, first.Width);
        Stride = stride ?? Size2.Square(1);
        Padding = padding ?? Padding.Explicit(0);
        PaddingMode = paddingMode;
        Dilation = dilation ?? Size2.Square(1);
        Groups = groups;

        if (Stride.Height <= 0 || Stride.Width <= 0)
        {
            throw new ShapeException($"stride must be positive, got {Stride}");
        }

        if (Dilation.Height <= 0 || Dilation.Width <= 0)
        {
            throw new ShapeException($"dilation must be positive, got {Dilation}");
        }

        if (Padding.Kind == Padding.PaddingKind.Explicit && Padding.Sides.IsNegative)
        {
            throw new ShapeException($"padding must not be negative, got {Padding}");
        }

        if (Padding.Kind == Padding.PaddingKind.Same && Stride != Size2.Square(1))
        {
            throw new ShapeException($"padding \"same\" needs stride 1, got stride {Stride}");
        }

        if (Groups <= 0)
        {
            throw new ShapeException($"groups must be positive, got {Groups}");
        }

        if (Kernels.Count % Groups != 0)
        {
            throw new ShapeException($"groups ({Groups}) must divide the number of kernels ({Kernels.Count})");
        }
    }

    public override string Type => "conv2d";

    public IReadOnlyList<Kernel> Kernels { get; }

    public int Filters => Kernels.Count;

    public Size2 KernelSize { get; }

    public Size2 Stride { get; }

    public Padding Padding { get; }

    public PaddingMode PaddingMode { get; }

    public Size2 Dilation { get; }

    public int Groups { get; }

    /// <summary>The span one output value sees: d·(k−1)+1 per axis.</summary>
    public Size2 EffectiveKernel => new((Dilation.Height * (KernelSize.Height - 1)) + 1, (Dilation.Width * (KernelSize.Width - 1)) + 1);

    public Borders Borders => Padding.Resolve(KernelSize, Dilation);

    public override Shape3 OutputShape(Shape3 input)
    {
        if (input.Channels % Groups != 0)
        {
            throw new ShapeException($"groups ({Groups}) must divide the input channels ({input.Channels})");
        }

        int depth = input.Channels / Groups;
        foreach (var k in Kernels)
        {
            if (k.Depth is int d && d != depth)
            {
                throw new ShapeException(
                    $"kernel '{k.Name}' has depth {d} but each filter sees {depth} input channel{(depth == 1 ? "" : "s")}");
            }
        }

        var b = Borders;
        CheckBorders(b, input);
        int paddedH = input.Height + b.Vertical, paddedW = input.Width + b.Horizontal;
        var eff = EffectiveKernel;
        if (eff.Height > paddedH || eff.Width > paddedW)
        {
            string dilated = Dilation == Size2.Square(1) ? "" : $" (dilated to {eff.Height}x{eff.Width})";
            throw new ShapeException(
                $"kernel {KernelSize.Height}x{KernelSize.Width}{dilated} is larger than the padded input {paddedH}x{paddedW}");
        }

        return new Shape3(Filters, ((paddedH - eff.Height) / Stride.Height) + 1, ((paddedW - eff.Width) / Stride.Width) + 1);
    }

    public override LayerCost Cost(Shape3 input, Shape3 output)
    {
        long perFilter = (long)(input.Channels / Groups) * KernelSize.Height * KernelSize.Width;
        long neurons = (long)output.Channels * output.Height * output.Width;
        return new LayerCost(perFilter * Filters, Filters, neurons, neurons * perFilter);
    }

    public override string Describe()
    {
        var parts = new List<string> { $"{Filters}x{KernelSize.Height}x{KernelSize.Width}", $"stride {Stride}", $"padding {Padding}" };
        if (PaddingMode != PaddingMode.Zeros)
        {
            parts.Add(PaddingMode.ToString().ToLowerInvariant());
        }

        if (Dilation != Size2.Square(1))
        {
            parts.Add($"dilation {Dilation}");
        }

        if (Groups != 1)
        {
            parts.Add($"groups {Groups}");
        }

        return $"conv2d {string.Join(", ", parts)}";
    }

    private void CheckBorders(Borders b, Shape3 input)
    {
        bool reflectTooWide = PaddingMode == PaddingMode.Reflect
            && (b.Top >= input.Height || b.Bottom >= input.Height || b.Left >= input.Width || b.Right >= input.Width);
        if (reflectTooWide)
        {
            throw new ShapeException(
                $"reflect padding {Padding} needs an input wider and taller than the padding, got {input.Height}x{input.Width}");
        }

        bool circularTooWide = PaddingMode == PaddingMode.Circular
            && (b.Top > input.Height || b.Bottom > input.Height || b.Left > input.Width || b.Right > input.Width);
        if (circularTooWide)
        {
            throw new ShapeException(
                $"circular padding {Padding} must not exceed the input size {input.Height}x{input.Width}");
        }
    }
}
