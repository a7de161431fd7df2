namespace LiveConv.Engine.Tensors;

/// <summary>The shape of a CHW tensor: channels, height, width.</summary>
public readonly record struct Shape3(int Channels, int Height, int Width)
{
    public int Length => checked(Channels * Height * Width);

    /// <summary>The value count in long arithmetic, for sizes beyond what an array holds (memory checks).</summary>
    public long LongLength => (long)Channels * Height * Width;

    public int PlaneLength => Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
