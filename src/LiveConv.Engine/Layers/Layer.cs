using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>One step of a network. Layers only describe; engines run them.</summary>
public abstract class Layer
{
    /// <summary>The config's name for this kind of layer: conv2d, relu, maxpool2d, ...</summary>
    public abstract string Type { get; }

    /// <summary>The output shape for an input shape, or a <see cref="ShapeException"/> saying why there is none.</summary>
    public abstract Shape3 OutputShape(Shape3 input);

    /// <summary>Parameters and work, for the summary. Layers without weights cost nothing here.</summary>
    public virtual LayerCost Cost(Shape3 input, Shape3 output) => default;

    /// <summary>A short human description of the hyper-parameters.</summary>
    public abstract string Describe();

    public override string ToString() => Describe();
}
