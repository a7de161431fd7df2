using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Live;

/// <summary>
/// The network changes the keys make. Stride and padding act on the convolution the displayed maps come from
/// (the last conv2d at or before the displayed layer); pooling and activation act on every such layer. Each
/// returns a new network, or throws with the reason when the combination is not valid.
/// </summary>
public static class NetworkEdits
{
    private const int MaxStride = 8;
    private static readonly ActivationKind[] Activations = [ActivationKind.Relu, ActivationKind.LeakyRelu, ActivationKind.Abs, ActivationKind.None];

    /// <exception cref="NetworkException">No convolution to change, or the result does not fit.</exception>
    public static Network Stride(Network network, int layer, int delta)
    {
        var (index, conv) = Conv(network, layer);
        int stride = conv.Stride.Height + delta;
        if (stride < 1 || stride > MaxStride)
        {
            throw new NetworkException($"stride stays within 1..{MaxStride}");
        }

        return Replace(network, index, () => new Conv2d(conv.Kernels, Size2.Square(stride), conv.Padding, conv.PaddingMode, conv.Dilation, conv.Groups));
    }

    /// <summary>"same" becomes "valid"; anything else becomes "same".</summary>
    /// <exception cref="NetworkException">No convolution to change, or the result does not fit (same needs stride 1).</exception>
    public static Network TogglePadding(Network network, int layer)
    {
        var (index, conv) = Conv(network, layer);
        var padding = conv.Padding.Kind == Padding.PaddingKind.Same ? Padding.Valid : Padding.Same;
        return Replace(network, index, () => new Conv2d(conv.Kernels, conv.Stride, padding, conv.PaddingMode, conv.Dilation, conv.Groups));
    }

    /// <exception cref="NetworkException">The network has no pooling layer.</exception>
    public static Network TogglePooling(Network network)
    {
        if (!network.Layers.Any(l => l is Pool2d))
        {
            throw new NetworkException("this config has no pooling layer");
        }

        return Rebuild(network, l => l switch
        {
            // Average pooling has no dilation: a dilated max pooling stays as it is.
            MaxPool2d p when p.Dilation == Size2.Square(1) => new AvgPool2d(p.KernelSize, p.Stride, p.Padding, p.CeilMode, countIncludePad: true),
            AvgPool2d p => new MaxPool2d(p.KernelSize, p.Stride, p.Padding, p.CeilMode),
            _ => l,
        });
    }

    /// <summary>Every activation layer moves to the next of relu, leaky relu, abs, none (from the first one's kind).</summary>
    /// <exception cref="NetworkException">The network has no activation layer.</exception>
    public static Network NextActivation(Network network)
    {
        var first = network.Layers.OfType<Activation>().FirstOrDefault()
            ?? throw new NetworkException("this config has no activation layer");
        var next = Activations[(Array.IndexOf(Activations, first.Kind) + 1) % Activations.Length];
        return Rebuild(network, l => l is Activation a ? new Activation(next, a.Slope) : l);
    }

    /// <summary>The convolution the displayed layer's maps come from, and its index.</summary>
    /// <exception cref="NetworkException">There is none at or before the displayed layer.</exception>
    public static (int Index, Conv2d Conv) Conv(Network network, int layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        for (int i = Math.Min(layer, network.Layers.Count - 1); i >= 0; i--)
        {
            if (network.Layers[i] is Conv2d conv)
            {
                return (i, conv);
            }
        }

        throw new NetworkException("no convolution at or before the displayed layer");
    }

    private static Network Replace(Network network, int index, Func<Layer> make)
    {
        try
        {
            var layer = make();
            return Rebuild(network, l => ReferenceEquals(l, network.Layers[index]) ? layer : l);
        }
        catch (ShapeException e)
        {
            throw new NetworkException($"layer {index}: {e.Message}", index, e);
        }
    }

    private static Network Rebuild(Network network, Func<Layer, Layer> change) =>
        new(network.Input, network.Layers.Select(change).ToArray());
}
