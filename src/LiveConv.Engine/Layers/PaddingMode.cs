namespace LiveConv.Engine.Layers;

/// <summary>What the padded border holds (PyTorch's padding_mode).</summary>
public enum PaddingMode
{
    /// <summary>Zeros, the lecture's default.</summary>
    Zeros,

    /// <summary>The mirror image without repeating the edge: d c b | a b c d | c b a.</summary>
    Reflect,

    /// <summary>The edge value repeated: a a | a b c d | d d.</summary>
    Replicate,

    /// <summary>Wraps around: c d | a b c d | a b.</summary>
    Circular,
}
