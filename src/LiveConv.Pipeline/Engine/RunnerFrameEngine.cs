using LiveConv.Engine;
using LiveConv.Engine.Fast;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// The engine seam backed by the fast <see cref="NetworkRunner"/>: no allocation per frame once the runner for
/// the frame size exists (a new size, rare, builds a new runner). The selected layer is copied out because the
/// runner overwrites its outputs on the next frame.
/// </summary>
public sealed class RunnerFrameEngine : IFrameEngine
{
    private readonly Network _network;
    private readonly int _layer;
    private readonly int _threads;
    private readonly IReadOnlyList<string> _mapNames;
    private NetworkRunner? _runner;

    /// <param name="layer">Index of the layer whose output is kept; null for the last.</param>
    /// <param name="threads">Threads this engine uses per frame, its caller's included.</param>
    public RunnerFrameEngine(Network network, int? layer, int threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _layer = LayerSelection.Resolve(network, layer);
        _threads = Math.Max(1, threads);
        _mapNames = LayerSelection.MapNames(network, _layer);
    }

    public void Process(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_runner is null || _runner.Network.Input.Width != frame.Width || _runner.Network.Input.Height != frame.Height)
        {
            _runner?.Dispose();
            _runner = new NetworkRunner(_network.WithInputSize(frame.Width, frame.Height),
                new RunnerOptions { MaxDegreeOfParallelism = _threads, MaterializedLayers = [_layer] });
        }

        _runner.Run(frame.Pixels, frame.Stride, frame.Format);
        var maps = _runner.Output(_layer);
        maps.Data.CopyTo(frame.PrepareMaps(maps.Shape).Data, 0);
        frame.MapNames = _mapNames;
    }

    public void Dispose() => _runner?.Dispose();
}
