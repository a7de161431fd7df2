using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>The resolved border on each side of a plane.</summary>
public readonly record struct Borders(int Top, int Bottom, int Left, int Right)
{
    public static Borders SplitTotal(int vertical, int horizontal) =>
        new(vertical / 2, vertical - (vertical / 2), horizontal / 2, horizontal - (horizontal / 2));

    /// <summary>The same border above and below, and left and right.</summary>
    public static Borders Symmetric(Size2 amount) => new(amount.Height, amount.Height, amount.Width, amount.Width);

    public int Vertical => Top + Bottom;

    public int Horizontal => Left + Right;

    public int Max => Math.Max(Math.Max(Top, Bottom), Math.Max(Left, Right));

    public bool IsSymmetric => Top == Bottom && Left == Right;

    public bool IsNegative => Top < 0 || Bottom < 0 || Left < 0 || Right < 0;

    /// <summary>Symmetric borders read as the old (h, w) pair; others name each side.</summary>
    public override string ToString() => IsSymmetric
        ? new Size2(Top, Left).ToString()
        : $"(top {Top}, bottom {Bottom}, left {Left}, right {Right})";
}
