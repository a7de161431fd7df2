namespace LiveConv.Engine.Layers;

/// <summary>What a <see cref="Pad2d"/> layer puts in the border (ONNX Pad's mode).</summary>
public enum PadMode
{
    /// <summary>One value everywhere (0 unless said).</summary>
    Constant,

    /// <summary>The mirror image without repeating the edge: d c b | a b c d | c b a.</summary>
    Reflect,

    /// <summary>The edge value repeated: a a | a b c d | d d.</summary>
    Edge,
}
