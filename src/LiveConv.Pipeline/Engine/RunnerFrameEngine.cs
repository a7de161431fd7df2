using LiveConv.Engine;
using LiveConv.Engine.Fast;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// The engine seam backed by the fast <see cref="NetworkRunner"/>: no allocation per frame once the runner for
/// the frame size exists (a new size, rare, builds a new runner). Layers past the selected one (and its stages) are
/// not run. The selected layer is copied out because the runner overwrites its outputs on the next frame.
/// </summary>
public sealed class RunnerFrameEngine : IFrameEngine
{
    private readonly Network _network;
    private readonly int _layer;
    private readonly int _threads;
    private readonly IReadOnlyList<string> _mapNames;
    private readonly MapStages? _stages;
    private NetworkRunner? _runner;
    private Tensor[] _stageOutputs = [];

    /// <param name="layer">Index of the layer whose output is kept; null for the last.</param>
    /// <param name="threads">Threads this engine uses per frame, its caller's included.</param>
    /// <param name="stagesOf">A map to follow through its block's stages into <see cref="Frame.Stages"/>; null for none.</param>
    /// <exception cref="ArgumentException">No such layer, or stages asked of a layer with no convolution at or before it.</exception>
    public RunnerFrameEngine(Network network, int? layer, int threads, int? stagesOf = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _layer = LayerSelection.Resolve(network, layer);
        _threads = Math.Max(1, threads);
        _mapNames = LayerSelection.MapNames(network, _layer);
        _stages = stagesOf is { } map ? new MapStages(network, _layer, map) : null;
        _network = network.Through(Math.Max(_layer, _stages?.Layers[^1] ?? _layer));
    }

    public void Process(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_runner is null || _runner.Network.Input.Width != frame.Width || _runner.Network.Input.Height != frame.Height)
        {
            _runner?.Dispose();
            // Each stage is a layer of its own when they are shown, which splits the fused group: slower, on demand.
            var runner = new NetworkRunner(_network.WithInputSize(frame.Width, frame.Height),
                new RunnerOptions { MaxDegreeOfParallelism = _threads, MaterializedLayers = [_layer, .. _stages?.Layers ?? []] });
            _runner = runner;
            _stageOutputs = _stages?.Layers.Select(runner.Output).ToArray() ?? [];
        }

        _runner.Run(frame.Pixels, frame.Stride, frame.Format);
        var maps = _runner.Output(_layer);
        maps.Data.CopyTo(frame.PrepareMaps(maps.Shape).Data, 0);
        frame.MapNames = _mapNames;
        if (_stages is null)
        {
            frame.ClearStages();
        }
        else
        {
            _stages.CopyTo(frame, _stageOutputs);
        }
    }

    public void Dispose() => _runner?.Dispose();
}
