using LiveConv.Engine;
using LiveConv.Engine.Layers;

namespace LiveConv.Pipeline.Engine;

/// <summary>Which layer's maps are shown or dumped (<c>--layer N</c>, default the last), and what each map is called.</summary>
public static class LayerSelection
{
    /// <exception cref="ArgumentException">The network has no such layer; the message says which exist.</exception>
    public static int Resolve(Network network, int? layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = network.Layers.Count;
        if (count == 0)
        {
            throw new ArgumentException("the network has no layers, so there are no feature maps to show");
        }

        int index = layer ?? count - 1;
        if (index < 0 || index >= count)
        {
            throw new ArgumentException($"layer {index} does not exist: the network has layers 0 to {count - 1}");
        }

        return index;
    }

    /// <summary>
    /// One name per output channel: the kernel's name for a convolution; layers that keep the channels
    /// (activations, pooling) inherit the names of the convolution before them.
    /// </summary>
    public static IReadOnlyList<string> MapNames(Network network, int layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        int channels = network.Shapes[layer].Channels;
        for (int i = layer; i >= 0; i--)
        {
            if (network.Layers[i] is Conv2d conv)
            {
                return conv.Filters == channels ? conv.Kernels.Select(k => k.Name).ToArray() : Numbered(channels);
            }
        }

        return Numbered(channels);
    }

    private static string[] Numbered(int channels) => Enumerable.Range(0, channels).Select(c => $"map {c}").ToArray();
}
