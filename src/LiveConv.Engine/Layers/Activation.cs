using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>An element-wise activation layer. No parameters; the shape passes through.</summary>
public sealed class Activation : Layer
{
    /// <summary>PyTorch's default negative slope for leaky ReLU.</summary>
    public const float DefaultSlope = 0.01f;

    public Activation(ActivationKind kind, float slope = DefaultSlope)
    {
        if (!float.IsFinite(slope))
        {
            throw new ShapeException("the leaky ReLU slope must be a finite number");
        }

        Kind = kind;
        Slope = slope;
    }

    public ActivationKind Kind { get; }

    public float Slope { get; }

    public override string Type => Kind switch
    {
        ActivationKind.Relu => "relu",
        ActivationKind.LeakyRelu => "leaky_relu",
        ActivationKind.Abs => "abs",
        _ => "none",
    };

    public float Apply(float z) => Kind switch
    {
        ActivationKind.Relu => z > 0f ? z : 0f,
        ActivationKind.LeakyRelu => z > 0f ? z : Slope * z,
        ActivationKind.Abs => MathF.Abs(z),
        _ => z,
    };

    public override Shape3 OutputShape(Shape3 input) => input;

    public override string Describe() =>
        Kind == ActivationKind.LeakyRelu ? $"leaky_relu slope {Slope.ToString(CultureInfo.InvariantCulture)}" : Type;
}
