using System.Globalization;
using LiveConv.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Rendering;

/// <summary>
/// The HUD's lines: fps in/out, capture-to-output latency p50/p99, drops, engine and per-stage ms, and the layer
/// shapes with their neuron counts. Rebuilt at most twice a second so the text is readable and costs little.
/// </summary>
public sealed class Hud(PipelineStats stats, Func<Network> network)
{
    public Hud(PipelineStats stats, Network network)
        : this(stats, () => network)
    {
    }

    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private readonly List<string> _layerLines = [];
    private IReadOnlyList<string> _lines = [];
    private TimeSpan? _builtAt;
    private (int Width, int Height, Network Network)? _layersOf;

    /// <param name="frame">The frame about to be drawn: its size fixes the layer shapes shown.</param>
    public IReadOnlyList<string> Lines(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = stats.Elapsed;
        if (now - _builtAt < Refresh)
        {
            return _lines;
        }

        _builtAt = now;
        // The network can be replaced while running (keys, hot reload): the lines follow it.
        var current = network();
        if (_layersOf != (frame.Width, frame.Height, current))
        {
            _layersOf = (frame.Width, frame.Height, current);
            _layerLines.Clear();
            foreach (var layer in current.WithInputSize(frame.Width, frame.Height).Summarize())
            {
                _layerLines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"L{layer.Index} {layer.Layer.Type} {layer.OutputShape} ({layer.OutputShape.Length:N0} neurons)"));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(inv, $"fps in {stats.InputRate.PerSecond:F1}  out {stats.OutputRate.PerSecond:F1}  drops {stats.Dropped}"),
            string.Create(inv, $"latency p50 {stats.Latency.RecentPercentile(50):F1} ms  p99 {stats.Latency.RecentPercentile(99):F1} ms"),
            string.Create(inv, $"engine {stats.RecentStageMs(Stage.Engine):F1} ms  capture {stats.RecentStageMs(Stage.Capture):F1}  render {stats.RecentStageMs(Stage.Render):F1}  sink {stats.RecentStageMs(Stage.Sink):F1}"),
        };
        lines.AddRange(_layerLines);
        _lines = lines;
        return _lines;
    }
}
