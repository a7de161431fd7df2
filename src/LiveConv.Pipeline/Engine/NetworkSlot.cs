using LiveConv.Engine;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// The network and displayed layer in use, replaceable while the pipeline runs (keys, hot reload): the main thread
/// sets, engine workers and the HUD read. One immutable snapshot per change, so a reader never sees half of one.
/// </summary>
public sealed class NetworkSlot
{
    private volatile Snapshot _current;

    /// <exception cref="ArgumentException">The network has no such layer.</exception>
    public NetworkSlot(Network network, int? layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        _current = new Snapshot(network, LayerSelection.Resolve(network, layer), 0, null);
    }

    public Snapshot Current => _current;

    /// <param name="stagesOf">A map to follow through its block's stages (<see cref="MapStages"/>); null for none.</param>
    /// <exception cref="ArgumentException">The network has no such layer; the current one stays.</exception>
    public void Set(Network network, int? layer, int? stagesOf = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _current = new Snapshot(network, LayerSelection.Resolve(network, layer), _current.Version + 1, stagesOf);
    }

    /// <param name="Version">Grows with every <see cref="Set"/>: an engine rebuilds when it differs from the one it was built for.</param>
    /// <param name="StagesOf">The map whose stages the engines copy into each frame, or null.</param>
    public sealed record Snapshot(Network Network, int Layer, int Version, int? StagesOf);
}
