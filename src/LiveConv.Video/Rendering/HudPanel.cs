using LiveConv.Pipeline.Metrics;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// The HUD, the one way it is drawn for the window's panel and a file's band: on a dark panel, the frame-time graph
/// of the last few seconds stacked by stage with the source's frame interval as a line, then the lines, each
/// wrapped at word boundaries to the panel's width; lines starting with <see cref="Pipeline.Rendering.Hud.Warning"/>
/// in orange. Lines past the panel's bottom are left out. No allocation per frame.
/// </summary>
public sealed class HudPanel
{
    public const int GraphHeight = 70;
    private const int Padding = 6;
    private static readonly Vec3b Background = new(24, 24, 24);
    private static readonly Vec3b Text = new(235, 235, 235);
    private static readonly Vec3b WarningText = new(40, 150, 255);
    private static readonly Vec3b Budget = new(120, 120, 120);

    /// <summary>capture, engine, render, display: blue, green, orange, magenta; wait (sinks, queues) dark gray, below the measured stages' brightness.</summary>
    private static readonly Vec3b[] StageColors = [new(230, 160, 60), new(90, 200, 90), new(40, 150, 255), new(200, 90, 200), new(75, 75, 75)];
    private static readonly int Stages = FrameTimeHistory.Stages.Count;
    private readonly float[] _samples = new float[FrameTimeHistory.Capacity * Stages];
    private byte[] _text = [];
    private IReadOnlyList<string>? _lines, _more;
    private Size _size;
    private double _intervalMs;

    /// <summary>Height of a band with the graph and <paramref name="lines"/> unwrapped lines.</summary>
    public static int HeightFor(int lines) => (2 * Padding) + GraphHeight + 2 + ((lines + 2) * TextPainter.LineHeight);

    /// <param name="lines">Drawn first, then <paramref name="more"/>.</param>
    /// <param name="history">The graph's samples; null for no graph.</param>
    /// <param name="intervalMs">The source's frame interval: the graph's reference line.</param>
    public void Draw(BgrImage image, Rect panel, IReadOnlyList<string> lines, IReadOnlyList<string> more, FrameTimeHistory? history, double intervalMs)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(more);
        panel = image.Clip(panel);
        bool graph = history is not null && panel.Height > GraphHeight + (3 * TextPainter.LineHeight);
        // The text changes twice a second at most (new lists then): drawn once into a picture of the panel, copied per frame.
        if (!ReferenceEquals(lines, _lines) || !ReferenceEquals(more, _more) || panel.Size != _size || intervalMs != _intervalMs)
        {
            (_lines, _more, _size, _intervalMs) = (lines, more, panel.Size, intervalMs);
            if (_text.Length != panel.Width * panel.Height * 3)
            {
                _text = new byte[panel.Width * panel.Height * 3];
            }

            DrawText(new BgrImage(_text, panel.Width, panel.Height), lines, more, graph, intervalMs);
        }

        for (int y = 0; y < panel.Height; y++)
        {
            _text.AsSpan(y * panel.Width * 3, panel.Width * 3).CopyTo(image.Row(panel.Y + y, panel.X, panel.Width));
        }

        if (graph)
        {
            DrawGraph(image, new Rect(panel.X + Padding, panel.Y + Padding, Math.Max(1, panel.Width - (2 * Padding)), GraphHeight), history!, intervalMs);
        }
    }

    private static void DrawText(BgrImage image, IReadOnlyList<string> lines, IReadOnlyList<string> more, bool graph, double intervalMs)
    {
        var panel = new Rect(0, 0, image.Width, image.Height);
        image.Fill(panel, Background);
        int y = Padding;
        var inner = new Rect(Padding, 0, Math.Max(1, panel.Width - (2 * Padding)), panel.Height);
        if (graph)
        {
            y += GraphHeight + 2;
            y = Legend(image, inner, y, intervalMs);
        }

        for (int i = 0; i < lines.Count + more.Count; i++)
        {
            string line = i < lines.Count ? lines[i] : more[i - lines.Count];
            bool warning = line.StartsWith(Pipeline.Rendering.Hud.Warning, StringComparison.Ordinal);
            y = Wrapped(image, inner, y, line.AsSpan(), warning ? WarningText : Text);
            if (y + TextPainter.LineHeight > panel.Bottom)
            {
                return;
            }
        }
    }

    /// <summary>Draws <paramref name="text"/> over as many lines as it needs, breaking at spaces; the y under it.</summary>
    private static int Wrapped(BgrImage image, Rect inner, int y, ReadOnlySpan<char> text, Vec3b color)
    {
        while (text.Length > 0 && y + TextPainter.LineHeight <= inner.Bottom)
        {
            int fit = TextPainter.Fit(text, inner.Width);
            if (fit < text.Length)
            {
                int space = text[..(fit + 1)].LastIndexOf(' ');
                fit = space > 0 ? space : Math.Max(1, fit);
            }

            TextPainter.Draw(image, text[..fit], inner.X, y, color, inner);
            text = text[fit..].TrimStart(' ');
            y += TextPainter.LineHeight;
        }

        return y;
    }

    /// <summary>The stage names in their colors, then what the graph spans.</summary>
    private static int Legend(BgrImage image, Rect inner, int y, double intervalMs)
    {
        int x = inner.X;
        for (int i = 0; i < FrameTimeHistory.Stages.Count; i++)
        {
            x = TextPainter.Draw(image, FrameTimeHistory.Stages[i], x, y, StageColors[i], inner);
            x = TextPainter.Draw(image, " ", x, y, Text, inner);
        }

        y += TextPainter.LineHeight;
        x = inner.X;

        Span<char> note = stackalloc char[48];
        "ms per frame, last 5 s; line: ".CopyTo(note);
        int n = "ms per frame, last 5 s; line: ".Length;
        intervalMs.TryFormat(note[n..], out int written, "F0", System.Globalization.CultureInfo.InvariantCulture);
        n += written;
        " ms".CopyTo(note[n..]);
        TextPainter.Draw(image, note[..(n + 3)], x, y, Budget, inner);
        return y + TextPainter.LineHeight;
    }

    /// <summary>One column per frame, newest on the right, its stages stacked bottom up; scaled to twice the interval or the tallest frame.</summary>
    private void DrawGraph(BgrImage image, Rect graph, FrameTimeHistory history, double intervalMs)
    {
        image.Fill(graph, new Vec3b(0, 0, 0));
        int count = history.CopyTo(_samples);
        double top = 2 * intervalMs;
        for (int i = 0; i < count; i++)
        {
            float total = 0;
            foreach (float ms in _samples.AsSpan(i * Stages, Stages))
            {
                total += ms;
            }

            top = Math.Max(top, total);
        }

        int column = Math.Max(1, graph.Width / FrameTimeHistory.Capacity);
        for (int i = 0; i < count; i++)
        {
            int x = graph.Right - ((count - i) * column);
            if (x < graph.X)
            {
                continue;
            }

            int bottom = graph.Bottom;
            for (int stage = 0; stage < Stages; stage++)
            {
                int height = (int)Math.Round(_samples[(i * Stages) + stage] / top * graph.Height);
                image.Fill(new Rect(x, bottom - height, column, height), StageColors[stage]);
                bottom -= height;
            }
        }

        int line = graph.Bottom - (int)Math.Round(intervalMs / top * graph.Height);
        image.Fill(new Rect(graph.X, line, graph.Width, 1), Budget);
    }
}
