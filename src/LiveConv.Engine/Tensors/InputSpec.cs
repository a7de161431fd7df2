namespace LiveConv.Engine.Tensors;

/// <summary>
/// What a network takes in: frames of a size, turned into channels of a color order, times a scale, then optionally
/// normalized per channel: x = (pixel·Scale − Mean[c]) / Std[c] (c in <see cref="Color"/>'s order).
/// </summary>
public sealed record InputSpec(PixelFormat Color, float Scale, int Width, int Height)
{
    /// <summary>The usual 1/255 that maps 8-bit pixels to [0, 1].</summary>
    public const float DefaultScale = 1f / 255f;

    /// <summary>Subtracted after the scale, one per channel; null: none.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Divided by after the mean, one per channel; null: none.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    public Shape3 Shape => new(Color.Channels(), Height, Width);

    /// <summary>Whether a per-channel normalization follows the scale.</summary>
    public bool Normalizes => Mean is not null || Std is not null;

    /// <summary>Channel <paramref name="c"/>'s normalization as y = x·a + b: a = 1/Std[c], b = −Mean[c]/Std[c].</summary>
    public (float Multiplier, float Offset) Normalization(int c)
    {
        float mean = Mean?[c] ?? 0f, std = Std?[c] ?? 1f;
        return (1f / std, -mean / std);
    }
}
