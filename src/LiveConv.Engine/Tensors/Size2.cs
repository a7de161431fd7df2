namespace LiveConv.Engine.Tensors;

/// <summary>A pair of (height, width) values: kernel sizes, strides, dilations, paddings.</summary>
public readonly record struct Size2(int Height, int Width)
{
    public static Size2 Square(int n) => new(n, n);

    public bool IsSquare => Height == Width;

    public override string ToString() => IsSquare ? $"{Height}" : $"({Height}, {Width})";
}
