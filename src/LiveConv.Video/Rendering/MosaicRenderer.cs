using System.Globalization;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Paints the selected layer's maps as tiles where <see cref="MosaicLayout.Compute"/> puts them (normalized,
/// colormapped, each labelled on a dark strip with its name and display range), or the selected map's stages in a
/// row (<see cref="MosaicOptions.Stages"/>), optionally after the input frame's tile. Two pictures: the frame's
/// mosaic, what files and recordings get (the maps at their size; the HUD in a band only with
/// <see cref="MosaicOptions.Hud"/>), and, once a window gave its size (<see cref="Canvas"/>), the window's view:
/// the same tiles fitted to the window beside or under the HUD panel. Painted in managed code into the frame's
/// pooled buffers, so a frame allocates nothing.
/// </summary>
public sealed class MosaicRenderer : IFrameRenderer
{
    private static readonly Vec3b LabelBackground = new(48, 48, 48);
    private static readonly Vec3b LabelText = new(235, 235, 235);
    private static readonly Vec3b FieldColor = new(0, 255, 255);
    private static readonly Colormap HeatOverGray = Colormap.Parse("jet");
    private readonly TilePainter _painter = new();
    // One panel per picture: each caches its wrapped lines for its own size.
    private readonly HudPanel _viewHud = new(), _mosaicHud = new();
    private readonly Dictionary<string, ColorTable> _tables = [];
    private readonly (float Min, float Max)[] _ranges = new (float, float)[8];
    private readonly object _gate = new();
    private IReadOnlyList<string> _hudLines = [];
    private volatile MosaicOptions _options;
    private volatile IReadOnlyList<string> _overlay = [];
    private long _canvas;
    private bool _fileMosaic = true;
    private int[] _selection = [];
    private (int Channels, int Single, int Repeat) _selectionKey = (-1, -1, -1);
    private (LayoutRequest? Request, MosaicLayout? Layout) _mosaic, _view;
    private readonly MapHalf _half;

    // The frame whose map tiles are being painted, read by both halves (see MapHalf).
    private MapJob _job;

    public MosaicRenderer(MosaicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _half = new MapHalf(painter => PaintMaps(painter, _job.Split, _job.Layout.Maps.Count));
    }

    /// <summary>Where the window's last view put each tile (read from the window's thread), else the last mosaic's; null before the first.</summary>
    public MosaicLayout? Layout { get; private set; }

    /// <summary>Replaceable while running (the live keys); the render thread picks the new options up on the next frame.</summary>
    public MosaicOptions Options
    {
        get => _options;
        set => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The live view's lines (status, messages, help, a neuron's numbers), shown first in the window's HUD panel.</summary>
    public IReadOnlyList<string> Overlay
    {
        get => _overlay;
        set => _overlay = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The window's picture size, set from the window's thread; null: no window, no view.</summary>
    public (int Width, int Height)? Canvas
    {
        get => Interlocked.Read(ref _canvas) is var packed and not 0 ? ((int)(packed >> 32), (int)packed) : null;
        set => Interlocked.Exchange(ref _canvas, value is { } size ? ((long)size.Width << 32) | (uint)size.Height : 0);
    }

    /// <summary>
    /// Whether a window's frames also get the files' mosaic (an --output, a recording running); without a window they
    /// always do. Set from any thread; frames rendered meanwhile may have none (<see cref="Frame.MosaicWidth"/> 0).
    /// </summary>
    public bool FileMosaic
    {
        get => Volatile.Read(ref _fileMosaic);
        set => Volatile.Write(ref _fileMosaic, value);
    }

    /// <summary>The frame times the HUD's graph shows; null: no graph.</summary>
    public FrameTimeHistory? History { get; set; }

    /// <summary>The source's frame interval, the graph's reference line.</summary>
    public double IntervalMs { get; set; } = 1000.0 / 30;

    public void Render(Frame frame, IReadOnlyList<string> hud)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(hud);
        // The render thread and, while paused, the window's thread (Repaint) share the scratch buffers.
        lock (_gate)
        {
            _hudLines = hud;
            Draw(frame, hud, FileMosaic);
        }
    }

    /// <summary>Draws a frame again with the HUD lines of the last one (the window's paused frame, after a key or a resize).</summary>
    public void Repaint(Frame frame) => Render(frame, _hudLines);

    /// <summary>The files' mosaic of a frame drawn without it (<see cref="FileMosaic"/> off): what the s key saves.</summary>
    public void RepaintWithMosaic(Frame frame)
    {
        lock (_gate)
        {
            Draw(frame, _hudLines, withMosaic: true);
        }
    }

    private void Draw(Frame frame, IReadOnlyList<string> hud, bool withMosaic)
    {
        var maps = frame.Maps ?? throw new InvalidOperationException("the frame has no feature maps: the engine did not run");
        // One read per frame: the options may be replaced meanwhile.
        var options = _options;
        bool stages = options.Stages && frame.Stages.Count > 0;
        int[] shown = stages ? Selection(maps.Channels, Selected(options, maps.Channels), frame.Stages.Count) : Select(frame, options);
        int first = options.ShowInput ? 1 : 0;
        var (width, height) = stages ? (frame.Stages[0].Width, frame.Stages[0].Height) : (maps.Width, maps.Height);
        var request = new LayoutRequest(shown.Length + first, first, shown, width, height)
        {
            MaxWidth = options.MaxWidth,
            Zoom = options.Zoom,
            Labels = options.Labels && options.Map is null,
            HudLines = options.Hud ? hud.Count : 0,
            Columns = stages ? shown.Length + first : null,
        };

        if (Canvas is { } canvas)
        {
            var overlay = _overlay;
            var view = Cached(ref _view, request with { Canvas = canvas, HudLines = hud.Count + overlay.Count + 1, Zoom = false });
            Paint(new BgrImage(frame.PrepareView(view.Width, view.Height), view.Width, view.Height), view, frame, options, stages, overlay, hud, _viewHud);
            Layout = view;
            if (!withMosaic)
            {
                return;
            }
        }

        var mosaic = Cached(ref _mosaic, request);
        Paint(new BgrImage(frame.PrepareMosaic(mosaic.Width, mosaic.Height), mosaic.Width, mosaic.Height), mosaic, frame, options, stages, hud, [], _mosaicHud);
        if (Canvas is null)
        {
            Layout = mosaic;
        }
    }

    private static int Selected(MosaicOptions options, int channels) => Math.Clamp(options.Selected, 0, channels - 1);

    private static MosaicLayout Cached(ref (LayoutRequest? Request, MosaicLayout? Layout) cache, LayoutRequest request)
    {
        if (cache.Request != request)
        {
            cache = (request, MosaicLayout.Compute(request));
        }

        return cache.Layout!;
    }

    /// <summary>The maps to show, the same array while they stay the same (layouts are cached by it).</summary>
    private int[] Select(Frame frame, MosaicOptions options)
    {
        var maps = frame.Maps!;
        if (options.Zoom)
        {
            return Selection(maps.Channels, Selected(options, maps.Channels), 1);
        }

        if (options.Map is null)
        {
            return Selection(maps.Channels, -1, 0);
        }

        for (int i = 0; i < frame.MapNames.Count; i++)
        {
            if (frame.MapNames[i] == options.Map)
            {
                return Selection(maps.Channels, i, 1);
            }
        }

        throw new ArgumentException($"no map named '{options.Map}' in this layer: it has {string.Join(", ", frame.MapNames)}");
    }

    /// <param name="single">The one map shown <paramref name="repeat"/> times, or -1 for every map.</param>
    private int[] Selection(int channels, int single, int repeat)
    {
        if (_selectionKey != (channels, single, repeat))
        {
            _selectionKey = (channels, single, repeat);
            _selection = single < 0 ? Enumerable.Range(0, channels).ToArray() : Enumerable.Repeat(single, repeat).ToArray();
        }

        return _selection;
    }

    private ColorTable Table(Colormap colormap)
    {
        if (!_tables.TryGetValue(colormap.Name, out var table))
        {
            table = ColorTable.Of(colormap);
            _tables[colormap.Name] = table;
        }

        return table;
    }

    private void Paint(
        BgrImage image, MosaicLayout layout, Frame frame, MosaicOptions options, bool stages, IReadOnlyList<string> lines, IReadOnlyList<string> more,
        HudPanel hud)
    {
        // Black everywhere first: gaps and margins; a memset, cheaper than painting them.
        image.Pixels.AsSpan(0, image.Width * image.Height * 3).Clear();
        var maps = frame.Maps!;
        var table = Table(options.Colormap);
        int slot = options.ShowInput ? 1 : 0;
        int count = layout.Maps.Count;
        if (!stages && count >= 2)
        {
            // The input and the HUD stay on this thread, so the other takes the larger half of the maps.
            var global = options.Normalization == Normalization.Global ? GlobalRange(maps, layout.Maps) : default;
            _job = new MapJob(image, layout, frame, options, table, global, slot, count / 2);
            _half.Start();
            try
            {
                if (options.ShowInput)
                {
                    PaintInput(image, layout, frame, options, table);
                }

                PaintMaps(_painter, 0, _job.Split);
                DrawHud(hud, image, layout, lines, more);
            }
            finally
            {
                _half.Finish();
            }

            return;
        }

        if (options.ShowInput)
        {
            PaintInput(image, layout, frame, options, table);
        }

        if (stages)
        {
            PaintStages(image, layout, frame, options, table, slot);
        }
        else
        {
            var global = options.Normalization == Normalization.Global ? GlobalRange(maps, layout.Maps) : default;
            _job = new MapJob(image, layout, frame, options, table, global, slot, 0);
            PaintMaps(_painter, 0, count);
        }

        DrawHud(hud, image, layout, lines, more);
    }

    private void DrawHud(HudPanel hud, BgrImage image, MosaicLayout layout, IReadOnlyList<string> lines, IReadOnlyList<string> more)
    {
        if (layout.Hud.Width > 0)
        {
            hud.Draw(image, layout.Hud, lines, more, History, IntervalMs);
        }
    }

    /// <summary>Map tiles <paramref name="from"/> to <paramref name="to"/> of <see cref="_job"/>, each on its own tile and label strip.</summary>
    private void PaintMaps(TilePainter painter, int from, int to)
    {
        var job = _job;
        var maps = job.Frame.Maps!;
        for (int i = from; i < to; i++)
        {
            int c = job.Layout.Maps[i], slot = job.FirstSlot + i;
            var plane = maps.Channel(c);
            // Only per-map normalization needs the map's own range: a pass over every value.
            var (lo, hi) = job.Options.Normalization == Normalization.PerMap ? Range(plane) : Normalized(job.Options, default, job.Global);
            painter.PaintMap(job.Image, job.Layout.Tiles[slot], plane, maps.Width, maps.Height, lo, hi, job.Table);
            Label(job.Image, job.Layout.Labels[slot], c < job.Frame.MapNames.Count ? job.Frame.MapNames[c] : "map", "", lo, hi);
        }
    }

    private readonly record struct MapJob(
        BgrImage Image, MosaicLayout Layout, Frame Frame, MosaicOptions Options, ColorTable Table, (float Min, float Max) Global, int FirstSlot, int Split);

    /// <summary>
    /// The selected map's stages, each scaled to the first's tile: z in the signed colormap (negative blue, zero
    /// black, positive red, symmetric around zero), then after the activation and after pooling in the chosen one.
    /// </summary>
    private void PaintStages(BgrImage image, MosaicLayout layout, Frame frame, MosaicOptions options, ColorTable table, int slot)
    {
        var stages = frame.Stages;
        int count = Math.Min(stages.Count, _ranges.Length);
        (float Min, float Max) global = (float.PositiveInfinity, float.NegativeInfinity);
        for (int i = 0; i < count; i++)
        {
            _ranges[i] = Range(stages[i].Data);
            global = (Math.Min(global.Min, _ranges[i].Min), Math.Max(global.Max, _ranges[i].Max));
        }

        int selected = layout.Maps.Count > 0 ? layout.Maps[0] : 0;
        for (int i = 0; i < count; i++, slot++)
        {
            var stage = stages[i];
            var (min, max) = _ranges[i];
            string name = i < frame.StageNames.Count ? frame.StageNames[i] : "stage";
            if (i == 0)
            {
                float magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
                _painter.PaintMap(image, layout.Tiles[slot], stage.Data, stage.Width, stage.Height, -magnitude, magnitude, ColorTable.Signed, flatIsMiddle: true);
                Label(image, layout.Labels[slot], selected < frame.MapNames.Count ? frame.MapNames[selected] : "map", name, min, max);
            }
            else
            {
                var (lo, hi) = Normalized(options, (min, max), global);
                _painter.PaintMap(image, layout.Tiles[slot], stage.Data, stage.Width, stage.Height, lo, hi, table);
                Label(image, layout.Labels[slot], name, "", lo, hi);
            }
        }
    }

    /// <summary>The input frame, with the frozen neuron's field outlined and the selected map over it on request.</summary>
    private void PaintInput(BgrImage image, MosaicLayout layout, Frame frame, MosaicOptions options, ColorTable table)
    {
        var tile = layout.Tiles[0];
        _painter.PaintPixels(image, tile, frame.Pixels, frame.Width, frame.Height, frame.Format);
        var maps = frame.Maps!;
        if (options.Overlay)
        {
            // Gray over a photo would not show: under the gray colormap the heat is jet.
            var plane = maps.Channel(Selected(options, maps.Channels));
            var (min, max) = Range(plane);
            _painter.PaintMap(image, tile, plane, maps.Width, maps.Height, min, max,
                options.Colormap.Type is null ? Table(HeatOverGray) : table, blend: true);
        }

        if (options.Highlight is { } field)
        {
            Outline(image, tile, field, frame.Width, frame.Height);
        }

        Span<char> size = stackalloc char[24];
        int written = 0;
        Append(size, ref written, "input ");
        frame.Width.TryFormat(size[written..], out int digits, default, CultureInfo.InvariantCulture);
        written += digits;
        Append(size, ref written, "x");
        frame.Height.TryFormat(size[written..], out digits, default, CultureInfo.InvariantCulture);
        Label(image, layout.Labels[0], size[..(written + digits)], "", float.NaN, float.NaN);
    }

    /// <summary>The field scaled onto the input tile, at least a few pixels wide so a 3x3 window stays visible.</summary>
    private static void Outline(BgrImage image, Rect tile, (int X, int Y, int Width, int Height) field, int frameWidth, int frameHeight)
    {
        double sx = tile.Width / (double)frameWidth, sy = tile.Height / (double)frameHeight;
        int cx = tile.X + (int)((field.X + (field.Width / 2.0)) * sx), cy = tile.Y + (int)((field.Y + (field.Height / 2.0)) * sy);
        int w = Math.Max(8, (int)(field.Width * sx)), h = Math.Max(8, (int)(field.Height * sy));
        var box = Rect.Intersect(new Rect(cx - (w / 2), cy - (h / 2), w, h), tile);
        image.Outline(new Rect(box.X - 1, box.Y - 1, box.Width + 2, box.Height + 2), default, 3);
        image.Outline(box, FieldColor, 1);
    }

    /// <summary>
    /// "name: detail [lo, hi]" on the label strip; what does not fit its width is cut: the range first, then the
    /// name's end. No range when <paramref name="lo"/> is NaN.
    /// </summary>
    private static void Label(BgrImage image, Rect strip, ReadOnlySpan<char> name, ReadOnlySpan<char> detail, float lo, float hi)
    {
        if (strip.Width <= 0 || strip.Height <= 0)
        {
            return;
        }

        image.Fill(strip, LabelBackground);
        // Built by hand: the interpolated-string writer boxes the floats, a frame's garbage.
        Span<char> text = stackalloc char[160];
        int written = 0;
        Append(text, ref written, name[..Math.Min(name.Length, 64)]);
        if (detail.Length > 0)
        {
            Append(text, ref written, ": ");
            Append(text, ref written, detail[..Math.Min(detail.Length, 64)]);
        }

        int plain = written;
        if (!float.IsNaN(lo))
        {
            Append(text, ref written, " [");
            lo.TryFormat(text[written..], out int digits, "G3", CultureInfo.InvariantCulture);
            written += digits;
            Append(text, ref written, ", ");
            hi.TryFormat(text[written..], out digits, "G3", CultureInfo.InvariantCulture);
            written += digits;
            Append(text, ref written, "]");
        }

        var shown = text[..written];
        var inner = new Rect(strip.X + 3, strip.Y, strip.Width - 6, strip.Height);
        if (TextPainter.Measure(shown) > inner.Width)
        {
            shown = text[..TextPainter.Fit(text[..plain], inner.Width)];
        }

        TextPainter.Draw(image, shown, inner.X, strip.Y + 2, LabelText, inner);
    }

    private static void Append(Span<char> text, ref int written, ReadOnlySpan<char> part)
    {
        part.CopyTo(text[written..]);
        written += part.Length;
    }

    private static (float Min, float Max) Range(ReadOnlySpan<float> plane) => TilePainter.MinMax(plane);

    private static (float Min, float Max) GlobalRange(Tensor maps, IReadOnlyList<int> shown)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < shown.Count; i++)
        {
            var (lo, hi) = Range(maps.Channel(shown[i]));
            (min, max) = (Math.Min(min, lo), Math.Max(max, hi));
        }

        return (min, max);
    }

    private static (float Lo, float Hi) Normalized(MosaicOptions options, (float, float) own, (float, float) global) =>
        options.Normalization switch
        {
            Normalization.PerMap => own,
            Normalization.Global => global,
            _ => options.FixedRange,
        };
}
