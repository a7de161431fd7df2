using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>Max pooling: each window becomes its largest value; the padding never wins (it is −∞).</summary>
public sealed class MaxPool2d(Size2 kernel, Size2? stride = null, Size2? padding = null, bool ceilMode = false)
    : Pool2d(kernel, stride, padding, ceilMode)
{
    public override string Type => "maxpool2d";
}
