using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>How much border a convolution adds: explicit (h, w), "same" or "valid".</summary>
public readonly record struct Padding
{
    private Padding(PaddingKind kind, Size2 amount)
    {
        Kind = kind;
        Amount = amount;
    }

    public enum PaddingKind
    {
        Explicit,
        Same,
        Valid,
    }

    public PaddingKind Kind { get; }

    /// <summary>Rows added above and below, columns added left and right (explicit padding only).</summary>
    public Size2 Amount { get; }

    public static Padding Valid => new(PaddingKind.Valid, default);

    public static Padding Same => new(PaddingKind.Same, default);

    public static Padding Explicit(int height, int width) => new(PaddingKind.Explicit, new Size2(height, width));

    public static Padding Explicit(int both) => Explicit(both, both);

    /// <summary>
    /// The border on each side. "same" follows PyTorch: the total d*(k-1) split with the extra row or column at
    /// the bottom or right when it is odd.
    /// </summary>
    public Borders Resolve(Size2 kernel, Size2 dilation) => Kind switch
    {
        PaddingKind.Valid => default,
        PaddingKind.Same => Borders.SplitTotal(dilation.Height * (kernel.Height - 1), dilation.Width * (kernel.Width - 1)),
        _ => new Borders(Amount.Height, Amount.Height, Amount.Width, Amount.Width),
    };

    public override string ToString() => Kind switch
    {
        PaddingKind.Valid => "valid",
        PaddingKind.Same => "same",
        _ => Amount.ToString(),
    };
}
