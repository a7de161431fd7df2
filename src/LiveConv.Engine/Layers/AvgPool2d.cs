using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// Average pooling. With <see cref="CountIncludePad"/> (the default) the divisor counts the zero padding inside
/// the window; windows that run past the padding (ceil mode) are cut there, as in PyTorch and ONNX Runtime.
/// </summary>
public sealed class AvgPool2d : Pool2d
{
    /// <param name="padding">The same border above and below, and left and right (PyTorch's form).</param>
    public AvgPool2d(Size2 kernel, Size2? stride = null, Size2? padding = null, bool ceilMode = false, bool countIncludePad = true)
        : this(kernel, stride ?? kernel, Borders.Symmetric(padding ?? default), ceilMode, countIncludePad)
    {
    }

    /// <param name="padding">Each side on its own (ONNX's pads).</param>
    public AvgPool2d(Size2 kernel, Size2 stride, Borders padding, bool ceilMode, bool countIncludePad)
        : base(kernel, stride, padding, ceilMode, null)
    {
        CountIncludePad = countIncludePad;
    }

    public override string Type => "avgpool2d";

    public bool CountIncludePad { get; }

    public override string Describe() => CountIncludePad ? base.Describe() : base.Describe() + ", exclude padding";
}
