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

    /// <param name="layer">Index of the layer whose output is kept; null for the last.</param>
    public ReferenceFrameEngine(Network network, int? layer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _layer = LayerSelection.Resolve(network, layer);
        _mapNames = LayerSelection.MapNames(network, _layer);
    }

    public void Process(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var network = _network.WithInputSize(frame.Width, frame.Height);
        var maps = ReferenceEngine.Run(network, frame.Pixels, frame.Format)[_layer];
        maps.Data.CopyTo(frame.PrepareMaps(maps.Shape).Data, 0);
        frame.MapNames = _mapNames;
    }

    public void Dispose()
    {
        // Holds nothing but the network.
    }
}
