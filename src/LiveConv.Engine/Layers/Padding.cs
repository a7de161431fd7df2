using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>How much border a convolution adds: explicit (symmetric or per side), "same" or "valid".</summary>
public readonly record struct Padding
{
    private Padding(PaddingKind kind, Borders sides)
    {
        Kind = kind;
        Sides = sides;
    }

    public enum PaddingKind
    {
        Explicit,
        Same,
        Valid,
    }

    public PaddingKind Kind { get; }

    /// <summary>The border on each side (explicit padding only).</summary>
    public Borders Sides { get; }

    public static Padding Valid => new(PaddingKind.Valid, default);

    public static Padding Same => new(PaddingKind.Same, default);

    /// <summary>Rows added above and below, columns added left and right.</summary>
    public static Padding Explicit(int height, int width) => new(PaddingKind.Explicit, new Borders(height, height, width, width));

    public static Padding Explicit(int both) => Explicit(both, both);

    /// <summary>Each side on its own, as ONNX's pads (which ResNet-18's first convolution needs: top/left 3, bottom/right 2).</summary>
    public static Padding Explicit(Borders borders) => new(PaddingKind.Explicit, borders);

    /// <summary>
    /// The border on each side. "same" follows PyTorch: the total d*(k-1) split with the extra row or column at
    /// the bottom or right when it is odd.
    /// </summary>
    public Borders Resolve(Size2 kernel, Size2 dilation) => Kind switch
    {
        PaddingKind.Valid => default,
        PaddingKind.Same => Borders.SplitTotal(dilation.Height * (kernel.Height - 1), dilation.Width * (kernel.Width - 1)),
        _ => Sides,
    };

    public override string ToString() => Kind switch
    {
        PaddingKind.Valid => "valid",
        PaddingKind.Same => "same",
        _ => Sides.ToString(),
    };
}
