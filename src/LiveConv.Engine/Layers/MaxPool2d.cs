using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>Max pooling: each window becomes its largest value; the padding never wins (it is −∞).</summary>
public sealed class MaxPool2d : Pool2d
{
    /// <param name="padding">The same border above and below, and left and right (PyTorch's form).</param>
    public MaxPool2d(Size2 kernel, Size2? stride = null, Size2? padding = null, bool ceilMode = false)
        : base(kernel, stride, Borders.Symmetric(padding ?? default), ceilMode, null)
    {
    }

    /// <param name="padding">Each side on its own (ONNX's pads).</param>
    public MaxPool2d(Size2 kernel, Size2 stride, Borders padding, bool ceilMode, Size2? dilation = null)
        : base(kernel, stride, padding, ceilMode, dilation)
    {
    }

    public override string Type => "maxpool2d";
}
