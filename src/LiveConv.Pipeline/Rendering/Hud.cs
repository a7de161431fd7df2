using System.Globalization;
using LiveConv.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;

namespace LiveConv.Pipeline.Rendering;

/// <summary>
/// The HUD's lines: fps in/out, capture-to-output latency p50/p99, drops per stage, per-stage ms, a warning when a
/// paced source falls more than two frames behind (what the engine needs, what the source gives, what to try), and
/// the layer shapes with their neuron counts. Rebuilt at most twice a second so the text is readable and costs little.
/// Lines that start with <see cref="Warning"/> are warnings.
/// </summary>
/// <param name="fps">The source's rate: how far behind is too far.</param>
/// <param name="source">What a camera actually gives (<see cref="Sources.SourceInfo.Given"/>), shown first; null for none.</param>
public sealed class Hud(PipelineStats stats, Func<Network> network, double fps = 30, string? source = null)
{
    /// <summary>The mark that starts a warning line (drawn in another color).</summary>
    public const string Warning = "! ";

    /// <summary>Frames behind its time before a paced source's lag is reported.</summary>
    public const int BehindFrames = 2;

    public Hud(PipelineStats stats, Network network, double fps = 30, string? source = null)
        : this(stats, () => network, fps, source)
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
        var lines = new List<string>();
        if (source is not null)
        {
            lines.Add($"source: {source}");
        }

        lines.AddRange(
        [
            string.Create(inv, $"fps in {stats.InputRate.PerSecond:F1}  out {stats.OutputRate.PerSecond:F1}  latency p50 {stats.Latency.RecentPercentile(50):F1} ms  p99 {stats.Latency.RecentPercentile(99):F1} ms"),
            string.Create(inv, $"ms per frame: capture {stats.RecentStageMs(Stage.Capture):F1}  engine {stats.RecentStageMs(Stage.Engine):F1}  render {stats.RecentStageMs(Stage.Render):F1}  sink {stats.RecentStageMs(Stage.Sink):F1}  display {stats.RecentStageMs(Stage.Display):F1}"),
            string.Create(inv, $"drops {stats.Dropped}: before engine {stats.DroppedBefore(Stage.Engine)}  render {stats.DroppedBefore(Stage.Render)}  sink {stats.DroppedBefore(Stage.Sink)}  display {stats.DroppedBefore(Stage.Display)}"),
        ]);
        double interval = 1000 / (fps > 0 ? fps : 30);
        if (stats.Behind.TotalMilliseconds > BehindFrames * interval)
        {
            lines.Add(string.Create(inv,
                $"{Warning}falling behind by {stats.Behind.TotalMilliseconds / interval:F0} frames: the engine needs {stats.RecentStageMs(Stage.Engine):F1} ms per {frame.Width}x{frame.Height} frame "
                + $"(render {stats.RecentStageMs(Stage.Render):F1} ms), the source gives one every {interval:F1} ms; try --realtime, a smaller --size or fewer filters"));
        }

        lines.AddRange(_layerLines);
        _lines = lines;
        return _lines;
    }
}
