namespace LiveConv.Engine.Layers;

/// <summary>The element-wise function σ in a = σ(z).</summary>
public enum ActivationKind
{
    /// <summary>max(0, z).</summary>
    Relu,

    /// <summary>z when z &gt; 0, slope·z otherwise.</summary>
    LeakyRelu,

    /// <summary>|z|: keeps both polarities of an edge.</summary>
    Abs,

    /// <summary>z unchanged.</summary>
    None,

    /// <summary>z held within [min, max] (ONNX Clip; ReLU6 is [0, 6]).</summary>
    Clip,
}
