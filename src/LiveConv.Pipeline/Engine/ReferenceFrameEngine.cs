using LiveConv.Engine;
using LiveConv.Engine.Reference;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// The engine seam backed by the scalar reference: exact, slow, and allocating per frame (the reference makes
/// new tensors). The oracle the fast engine is checked against, selectable to see exact values.
/// </summary>
public sealed class ReferenceFrameEngine : IFrameEngine
{
    private readonly Network _network;
    private readonly int _layer;
    private readonly IReadOnlyList<string> _mapNames;
    private readonly MapStages? _stages;

    /// <param name="layer">Index of the layer whose output is kept; null for the last.</param>
    /// <param name="stagesOf">A map to follow through its block's stages into <see cref="Frame.Stages"/>; null for none.</param>
    /// <exception cref="ArgumentException">No such layer, or stages asked of a layer with no convolution at or before it.</exception>
    public ReferenceFrameEngine(Network network, int? layer = null, int? stagesOf = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _layer = LayerSelection.Resolve(network, layer);
        _mapNames = LayerSelection.MapNames(network, _layer);
        _stages = stagesOf is { } map ? new MapStages(network, _layer, map) : null;
        // Layers past the selected one (and its stages) are not run.
        _network = network.Through(Math.Max(_layer, _stages?.Layers[^1] ?? _layer));
    }

    public void Process(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var network = _network.WithInputSize(frame.Width, frame.Height);
        var outputs = ReferenceEngine.Run(network, frame.Pixels, frame.Format);
        var maps = outputs[_layer];
        maps.Data.CopyTo(frame.PrepareMaps(maps.Shape).Data, 0);
        frame.MapNames = _mapNames;
        if (_stages is null)
        {
            frame.ClearStages();
        }
        else
        {
            _stages.CopyTo(frame, _stages.Layers.Select(i => outputs[i]).ToArray());
        }
    }

    public void Dispose()
    {
        // Holds nothing but the network.
    }
}
