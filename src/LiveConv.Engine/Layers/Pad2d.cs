using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// Adds a border to every plane (ONNX Pad on the spatial axes): (C, H, W) → (C, top + H + bottom, left + W + right).
/// No parameters.
/// </summary>
public sealed class Pad2d : Layer
{
    public Pad2d(Borders borders, PadMode mode, float value = 0f)
    {
        if (borders.IsNegative)
        {
            throw new ShapeException($"padding must not be negative, got {borders}");
        }

        if (!float.IsFinite(value))
        {
            throw new ShapeException("the pad value must be a finite number");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ShapeException($"unknown pad mode {mode}");
        }

        Borders = borders;
        Mode = mode;
        Value = value;
    }

    public override string Type => "pad";

    public Borders Borders { get; }

    public PadMode Mode { get; }

    /// <summary>The constant mode's value.</summary>
    public float Value { get; }

    /// <summary>The convolution padding mode that fills a border the same way (constant is zeros plus a value).</summary>
    public PaddingMode PaddingMode => Mode switch
    {
        PadMode.Reflect => PaddingMode.Reflect,
        PadMode.Edge => PaddingMode.Replicate,
        _ => PaddingMode.Zeros,
    };

    public override Shape3 OutputShape(Shape3 input)
    {
        var b = Borders;
        if (Mode == PadMode.Reflect && (b.Top >= input.Height || b.Bottom >= input.Height || b.Left >= input.Width || b.Right >= input.Width))
        {
            throw new ShapeException($"reflect padding {b} needs an input wider and taller than the padding, got {input.Height}x{input.Width}");
        }

        return new Shape3(input.Channels, input.Height + b.Vertical, input.Width + b.Horizontal);
    }

    public override string Describe()
    {
        string text = $"pad {Borders}, {Mode.ToString().ToLowerInvariant()}";
        return Mode == PadMode.Constant && Value != 0f ? $"{text} {Value.ToString(CultureInfo.InvariantCulture)}" : text;
    }
}
