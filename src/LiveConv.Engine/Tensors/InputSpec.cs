namespace LiveConv.Engine.Tensors;

/// <summary>What a network takes in: frames of a size, turned into channels of a color order, times a scale.</summary>
public sealed record InputSpec(PixelFormat Color, float Scale, int Width, int Height)
{
    /// <summary>The usual 1/255 that maps 8-bit pixels to [0, 1].</summary>
    public const float DefaultScale = 1f / 255f;

    public Shape3 Shape => new(Color.Channels(), Height, Width);
}
