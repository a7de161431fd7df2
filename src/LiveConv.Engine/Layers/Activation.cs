using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>An element-wise activation layer. No parameters; the shape passes through.</summary>
public sealed class Activation : Layer
{
    /// <summary>PyTorch's default negative slope for leaky ReLU.</summary>
    public const float DefaultSlope = 0.01f;

    public Activation(ActivationKind kind, float slope = DefaultSlope)
        : this(kind, slope, float.NegativeInfinity, float.PositiveInfinity)
    {
        if (kind == ActivationKind.Clip)
        {
            throw new ShapeException("a clip needs its bounds: use Activation.Clip(min, max)");
        }
    }

    private Activation(ActivationKind kind, float slope, float min, float max)
    {
        if (!float.IsFinite(slope))
        {
            throw new ShapeException("the leaky ReLU slope must be a finite number");
        }

        if (float.IsNaN(min) || float.IsNaN(max) || min > max)
        {
            throw new ShapeException($"clip needs min <= max, got min {Format(min)} and max {Format(max)}");
        }

        Kind = kind;
        Slope = slope;
        Min = min;
        Max = max;
    }

    public ActivationKind Kind { get; }

    public float Slope { get; }

    /// <summary>The clip's lower bound (−∞ for the other kinds).</summary>
    public float Min { get; }

    /// <summary>The clip's upper bound (+∞ for the other kinds).</summary>
    public float Max { get; }

    public override string Type => Kind switch
    {
        ActivationKind.Relu => "relu",
        ActivationKind.LeakyRelu => "leaky_relu",
        ActivationKind.Abs => "abs",
        ActivationKind.Clip => "clip",
        _ => "none",
    };

    /// <summary>min(max(z, min), max), ONNX's Clip; ReLU6 is Clip(0, 6).</summary>
    public static Activation Clip(float min, float max) => new(ActivationKind.Clip, DefaultSlope, min, max);

    public float Apply(float z) => Kind switch
    {
        ActivationKind.Relu => z > 0f ? z : 0f,
        ActivationKind.LeakyRelu => z > 0f ? z : Slope * z,
        ActivationKind.Abs => MathF.Abs(z),
        ActivationKind.Clip => z < Min ? Min : z > Max ? Max : z,
        _ => z,
    };

    public override Shape3 OutputShape(Shape3 input) => input;

    public override string Describe() => Kind switch
    {
        ActivationKind.LeakyRelu => $"leaky_relu slope {Format(Slope)}",
        ActivationKind.Clip => $"clip [{Format(Min)}, {Format(Max)}]",
        _ => Type,
    };

    private static string Format(float x) => x.ToString(CultureInfo.InvariantCulture);
}
