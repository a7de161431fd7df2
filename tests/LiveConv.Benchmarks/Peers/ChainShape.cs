using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Benchmarks.Peers;

/// <summary>
/// The layer chains an OpenCV filter2D user can write directly: one zero-padded stride-1 conv, optionally
/// ReLU, optionally 2x2/2 max pooling.
/// </summary>
internal sealed record ChainShape(Conv2d Conv, bool Relu, bool MaxPool2x2)
{
    public static ChainShape From(Network network)
    {
        var layers = network.Layers;
        if (layers.Count == 0 || layers[0] is not Conv2d conv || conv.Stride != Size2.Square(1) || conv.Dilation != Size2.Square(1)
            || conv.Groups != 1 || conv.PaddingMode != PaddingMode.Zeros || conv.Padding.Kind != Padding.PaddingKind.Explicit)
        {
            throw new NotSupportedException("the chain needs a first conv2d with stride 1, no dilation, one group and zero padding");
        }

        var b = conv.Borders;
        if (b.Top != b.Bottom || b.Left != b.Right || b.Vertical != conv.KernelSize.Height - 1 || b.Horizontal != conv.KernelSize.Width - 1)
        {
            throw new NotSupportedException("the chain keeps the frame size: padding must be (k - 1) / 2 on each side");
        }

        int i = 1;
        bool relu = i < layers.Count && layers[i] is Activation { Kind: ActivationKind.Relu } && ++i > 0;
        bool pool = i < layers.Count && layers[i] is MaxPool2d { KernelSize: { Height: 2, Width: 2 }, Stride: { Height: 2, Width: 2 }, Padding: { Top: 0, Bottom: 0, Left: 0, Right: 0 }, Dilation: { Height: 1, Width: 1 }, CeilMode: false } && ++i > 0;
        if (i != layers.Count)
        {
            throw new NotSupportedException($"the chain cannot express layer {i} ({layers[i].Type})");
        }

        return new ChainShape(conv, relu, pool);
    }
}
