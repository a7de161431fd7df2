using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// y(c, i, j) = x(c, i, j)·scale[c] + shift[c]: a BatchNormalization on its own (scale = γ/√(σ²+ε), shift = β − μ·scale),
/// or a Mul/Add by per-channel constants. The shape passes through; one scale and one shift per channel.
/// </summary>
public sealed class ScaleShift : Layer
{
    private readonly float[] _scale;
    private readonly float[] _shift;

    public ScaleShift(IReadOnlyList<float> scale, IReadOnlyList<float> shift)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(shift);
        if (scale.Count == 0 || scale.Count != shift.Count)
        {
            throw new ShapeException($"scale_shift needs one scale and one shift per channel, got {scale.Count} scales and {shift.Count} shifts");
        }

        foreach (float v in scale.Concat(shift))
        {
            if (!float.IsFinite(v))
            {
                throw new ShapeException($"scale_shift values must be finite numbers, got {v.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        _scale = scale.ToArray();
        _shift = shift.ToArray();
    }

    public override string Type => "scale_shift";

    public IReadOnlyList<float> Scale => _scale;

    public IReadOnlyList<float> Shift => _shift;

    public int Channels => _scale.Length;

    public float Apply(int channel, float x) => (x * _scale[channel]) + _shift[channel];

    public override Shape3 OutputShape(Shape3 input) =>
        input.Channels == Channels ? input
        : throw new ShapeException($"scale_shift has {Channels} channel{(Channels == 1 ? "" : "s")}, the input {input.Channels}");

    /// <summary>Counted as parameters (a folded BatchNormalization's); one multiply-add per value.</summary>
    public override LayerCost Cost(Shape3 input, Shape3 output) => new(Channels, Channels, 0, output.LongLength);

    public override string Describe() => $"scale_shift {Channels} channels";
}
