using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// Average pooling. With <see cref="CountIncludePad"/> (the default) the divisor counts the zero padding inside
/// the window; windows that run past the padding (ceil mode) are cut there, as in PyTorch.
/// </summary>
public sealed class AvgPool2d(
    Size2 kernel, Size2? stride = null, Size2? padding = null, bool ceilMode = false, bool countIncludePad = true)
    : Pool2d(kernel, stride, padding, ceilMode)
{
    public override string Type => "avgpool2d";

    public bool CountIncludePad { get; } = countIncludePad;

    public override string Describe() => CountIncludePad ? base.Describe() : base.Describe() + ", exclude padding";
}
