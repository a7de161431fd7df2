using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// One map followed through the lecture's block: the convolution it comes from (z, before the activation), the
/// activation right after it and the pooling after that. The engines copy that one channel of each stage into
/// <see cref="Frame.Stages"/> for the live view's <c>x</c> key.
/// </summary>
public sealed class MapStages
{
    /// <param name="layer">The displayed layer: the block is that of the last convolution at or before it.</param>
    /// <param name="map">The map (channel) to follow; clamped to the block's channels.</param>
    /// <exception cref="ArgumentException">No convolution at or before <paramref name="layer"/>.</exception>
    public MapStages(Network network, int layer, int map)
    {
        ArgumentNullException.ThrowIfNull(network);
        Layers = Find(network, layer) is { Count: > 0 } found
            ? found
            : throw new ArgumentException($"no convolution at or before layer {layer}: there are no stages to show");
        Map = Math.Clamp(map, 0, network.Shapes[Layers[0]].Channels - 1);
        Names = Layers.Select(i => Name(network.Layers[i])).ToArray();
    }

    /// <summary>The block's layer indexes: the convolution, then its activation and pooling where the network has them.</summary>
    public IReadOnlyList<int> Layers { get; }

    /// <summary>One label per stage: "z", the activation's type of z, the pooling's type.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Map { get; }

    /// <summary>The block of the last convolution at or before <paramref name="layer"/>; empty when there is none.</summary>
    public static IReadOnlyList<int> Find(Network network, int layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        int conv = Math.Min(layer, layers.Count - 1);
        while (conv >= 0 && layers[conv] is not Conv2d)
        {
            conv--;
        }

        if (conv < 0)
        {
            return [];
        }

        var found = new List<int> { conv };
        int next = conv + 1;
        if (next < layers.Count && layers[next] is Activation)
        {
            found.Add(next++);
        }

        if (next < layers.Count && layers[next] is Pool2d)
        {
            found.Add(next);
        }

        return found;
    }

    /// <summary>Copies <see cref="Map"/> of each stage's output (given in <see cref="Layers"/> order) into the frame.</summary>
    public void CopyTo(Frame frame, IReadOnlyList<Tensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(outputs);
        frame.ClearStages();
        foreach (var output in outputs)
        {
            output.Channel(Map).CopyTo(frame.AddStage(new Shape3(1, output.Height, output.Width)).Data);
        }

        frame.StageNames = Names;
    }

    private static string Name(Layer layer) => layer switch
    {
        Conv2d => "z",
        Activation a => $"{a.Type}(z)",
        Pool2d p => $"{p.Type} {p.KernelSize.Height}x{p.KernelSize.Width}",
        _ => layer.Type,
    };
}
