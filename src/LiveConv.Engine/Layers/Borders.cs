namespace LiveConv.Engine.Layers;

/// <summary>The resolved border on each side of a plane.</summary>
public readonly record struct Borders(int Top, int Bottom, int Left, int Right)
{
    public static Borders SplitTotal(int vertical, int horizontal) =>
        new(vertical / 2, vertical - (vertical / 2), horizontal / 2, horizontal - (horizontal / 2));

    public int Vertical => Top + Bottom;

    public int Horizontal => Left + Right;

    public int Max => Math.Max(Math.Max(Top, Bottom), Math.Max(Left, Right));
}
