using System.Globalization;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Draws the selected layer's maps as a grid of tiles (normalized, colormapped, labeled with name and min/max),
/// or the selected map's stages in a row (<see cref="MosaicOptions.Stages"/>), optionally with the input frame as
/// the first tile, and the HUD in a band under the tiles. Scratch images are
/// kept between frames; the mosaic is drawn straight into the frame's pooled buffer.
/// </summary>
public sealed class MosaicRenderer : IFrameRenderer, IDisposable
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const int HudLine = 18;
    private const int HudMinWidth = 520;
    private static readonly Colormap HeatOverGray = Colormap.Parse("jet");
    private readonly Mat _bytes = new();
    private readonly Mat _resized = new();
    private readonly Mat _heat = new();
    private readonly Dictionary<ColormapTypes, Mat> _luts = [];
    private readonly Mat _signed = SignedLut();
    private volatile MosaicOptions _options;
    private Mat? _lut;

    public MosaicRenderer(MosaicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The layout of the last mosaic drawn (read from the window's thread); null before the first.</summary>
    public MosaicLayout? Layout { get; private set; }

    /// <summary>Replaceable while running (the live keys); the render thread picks the new options up on the next frame.</summary>
    public MosaicOptions Options
    {
        get => _options;
        set => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    public void Render(Frame frame, IReadOnlyList<string> hud)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(hud);
        var maps = frame.Maps ?? throw new InvalidOperationException("the frame has no feature maps: the engine did not run");
        // One read per frame: the options may be replaced meanwhile.
        var options = _options;
        _lut = Lut(options.Colormap);
        // All maps as one tall image over the tensor's memory: each map is a band of rows, no float is copied.
        using var planes = Mat.FromPixelData(maps.Channels * maps.Height, maps.Width, MatType.CV_32FC1, maps.Data);
        if (options.Stages && frame.Stages.Count > 0)
        {
            RenderStages(frame, hud, options, planes);
        }
        else
        {
            RenderMaps(frame, hud, options, planes);
        }
    }

    /// <summary>The selected layer's maps as a square-ish grid.</summary>
    private void RenderMaps(Frame frame, IReadOnlyList<string> hud, MosaicOptions options, Mat planes)
    {
        var maps = frame.Maps!;
        int[] selected = Select(frame, options);
        int tiles = selected.Length + (options.ShowInput ? 1 : 0);
        int columns = (int)Math.Ceiling(Math.Sqrt(tiles));
        int rows = (tiles + columns - 1) / columns;
        var tile = TileSize(maps.Width, maps.Height, columns, options);
        using var mosaic = Canvas(frame, columns, rows, tile, hud, options);
        var (globalMin, globalMax) = options.Normalization == Normalization.Global ? Range(planes, maps.Height, selected) : (0f, 0f);

        Layout = new MosaicLayout(columns, tile.Width, tile.Height, options.ShowInput ? 1 : 0, selected, maps.Width, maps.Height);
        int slot = 0;
        if (options.ShowInput)
        {
            DrawInputTile(frame, options, planes, mosaic, TileRect(slot++, columns, tile));
        }
        foreach (int c in selected)
        {
            using var plane = planes.RowRange(c * maps.Height, (c + 1) * maps.Height);
            var (min, max) = MinMax(plane);
            var (lo, hi) = Normalized(options, (min, max), (globalMin, globalMax));
            var rect = TileRect(slot++, columns, tile);
            DrawMap(plane, lo, hi, mosaic, rect);
            if (options.Labels && options.Map is null)
            {
                string name = c < frame.MapNames.Count ? frame.MapNames[c] : $"map {c}";
                Label(mosaic, string.Create(CultureInfo.InvariantCulture, $"{name} [{min:G3}, {max:G3}]"), rect.Location + new Point(4, 16));
            }
        }

        DrawHud(mosaic, hud, rows * tile.Height, options);
    }

    /// <summary>
    /// The selected map's stages in one row, each scaled to the first's tile: z in a signed colormap (negative blue,
    /// zero black, positive red, symmetric around zero), then after the activation and after pooling in the chosen
    /// colormap, so what the activation removes and what pooling keeps can be seen side by side.
    /// </summary>
    private void RenderStages(Frame frame, IReadOnlyList<string> hud, MosaicOptions options, Mat planes)
    {
        var maps = frame.Maps!;
        var stages = frame.Stages;
        int columns = stages.Count + (options.ShowInput ? 1 : 0);
        var tile = TileSize(stages[0].Width, stages[0].Height, columns, options);
        using var mosaic = Canvas(frame, columns, 1, tile, hud, options);
        var ranges = new (float Min, float Max)[stages.Count];
        for (int i = 0; i < stages.Count; i++)
        {
            using var plane = Mat.FromPixelData(stages[i].Height, stages[i].Width, MatType.CV_32FC1, stages[i].Data);
            ranges[i] = MinMax(plane);
        }

        var global = (ranges.Min(r => r.Min), ranges.Max(r => r.Max));
        int selected = Selected(options, maps.Channels);
        Layout = new MosaicLayout(columns, tile.Width, tile.Height, options.ShowInput ? 1 : 0, Enumerable.Repeat(selected, stages.Count).ToArray(), maps.Width, maps.Height);
        int slot = 0;
        if (options.ShowInput)
        {
            DrawInputTile(frame, options, planes, mosaic, TileRect(slot++, columns, tile));
        }
        for (int i = 0; i < stages.Count; i++)
        {
            using var plane = Mat.FromPixelData(stages[i].Height, stages[i].Width, MatType.CV_32FC1, stages[i].Data);
            var (min, max) = ranges[i];
            var rect = TileRect(slot++, columns, tile);
            if (i == 0)
            {
                float magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
                DrawMap(plane, -magnitude, magnitude, mosaic, rect, signed: true);
            }
            else
            {
                var (lo, hi) = Normalized(options, (min, max), global);
                DrawMap(plane, lo, hi, mosaic, rect);
            }

            if (options.Labels)
            {
                string name = i < frame.StageNames.Count ? frame.StageNames[i] : $"stage {i}";
                string map = i == 0 && selected < frame.MapNames.Count ? frame.MapNames[selected] + ": " : "";
                Label(mosaic, string.Create(CultureInfo.InvariantCulture, $"{map}{name} [{min:G3}, {max:G3}]"), rect.Location + new Point(4, 16));
            }
        }

        DrawHud(mosaic, hud, tile.Height, options);
    }

    public void Dispose()
    {
        _bytes.Dispose();
        _resized.Dispose();
        _heat.Dispose();
        _signed.Dispose();
        foreach (var lut in _luts.Values)
        {
            lut.Dispose();
        }
    }

    private static int Selected(MosaicOptions options, int channels) => Math.Clamp(options.Selected, 0, channels - 1);

    private Mat? Lut(Colormap colormap)
    {
        if (colormap.Type is not { } type)
        {
            return null;
        }

        if (!_luts.TryGetValue(type, out var lut))
        {
            // ApplyColorMap rebuilds its table on every call (~20 ms); a 256-entry lookup table built once costs nothing.
            using var ramp = new Mat(1, 256, MatType.CV_8UC1);
            var values = ramp.AsSpan<byte>();
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (byte)i;
            }

            lut = new Mat();
            Cv2.ApplyColorMap(ramp, lut, type);
            _luts[type] = lut;
        }

        return lut;
    }

    private static int[] Select(Frame frame, MosaicOptions options)
    {
        var maps = frame.Maps!;
        if (options.Zoom)
        {
            return [Selected(options, maps.Channels)];
        }

        if (options.Map is null)
        {
            return Enumerable.Range(0, maps.Channels).ToArray();
        }

        int index = frame.MapNames.ToList().IndexOf(options.Map);
        return index >= 0
            ? [index]
            : throw new ArgumentException($"no map named '{options.Map}' in this layer: it has {string.Join(", ", frame.MapNames)}");
    }

    private static Rect TileRect(int slot, int columns, Size tile) =>
        new(slot % columns * tile.Width, slot / columns * tile.Height, tile.Width, tile.Height);

    private static (float Min, float Max) MinMax(Mat plane)
    {
        plane.MinMaxLoc(out double min, out double max);
        return ((float)min, (float)max);
    }

    private static (float Min, float Max) Range(Mat planes, int height, int[] selected)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (int c in selected)
        {
            using var plane = planes.RowRange(c * height, (c + 1) * height);
            var (lo, hi) = MinMax(plane);
            min = Math.Min(min, lo);
            max = Math.Max(max, hi);
        }

        return (min, max);
    }

    /// <param name="signed">Use the signed colormap; a flat map then shows as zero (black) rather than as its low end.</param>
    private void DrawMap(Mat plane, float lo, float hi, Mat mosaic, Rect rect, bool signed = false)
    {
        double alpha = hi > lo ? 255.0 / (hi - lo) : 0;
        double beta = hi > lo ? -lo * alpha : signed ? 127.5 : 0;
        plane.ConvertTo(_bytes, MatType.CV_8UC1, alpha, beta);
        Place(_bytes, mosaic, rect, signed ? _signed : _lut);
    }

    /// <summary>0..127 negative, 128..255 positive, in <see cref="SignedColor"/>'s colors.</summary>
    private static Mat SignedLut()
    {
        var lut = new Mat(1, 256, MatType.CV_8UC3);
        var colors = lut.AsSpan<Vec3b>();
        for (int i = 0; i < colors.Length; i++)
        {
            colors[i] = SignedColor.Of((i - 127.5) / 127.5);
        }

        return lut;
    }

    /// <summary>The field scaled onto the input tile, at least a few pixels wide so a 3x3 window stays visible.</summary>
    private static void Outline(Mat mosaic, Rect tile, (int X, int Y, int Width, int Height) field, int frameWidth, int frameHeight)
    {
        double sx = tile.Width / (double)frameWidth, sy = tile.Height / (double)frameHeight;
        int cx = tile.X + (int)((field.X + (field.Width / 2.0)) * sx), cy = tile.Y + (int)((field.Y + (field.Height / 2.0)) * sy);
        int w = Math.Max(8, (int)(field.Width * sx)), h = Math.Max(8, (int)(field.Height * sy));
        var box = new Rect(cx - (w / 2), cy - (h / 2), w, h);
        Cv2.Rectangle(mosaic, box, new Scalar(0, 0, 0), 3);
        Cv2.Rectangle(mosaic, box, new Scalar(0, 255, 255), 1);
    }

    /// <summary>
    /// The map in the chosen colormap, half over the input: where the kernel responds, on the picture. Under the gray
    /// colormap the heat is jet, as gray over a photo would not show.
    /// </summary>
    private void DrawHeat(Mat plane, float lo, float hi, Mat mosaic, Rect rect)
    {
        double alpha = hi > lo ? 255.0 / (hi - lo) : 0;
        plane.ConvertTo(_bytes, MatType.CV_8UC1, alpha, -lo * alpha);
        Cv2.Resize(_bytes, _resized, rect.Size, 0, 0, InterpolationFlags.Linear);
        Cv2.CvtColor(_resized, _heat, ColorConversionCodes.GRAY2BGR);
        Cv2.LUT(_heat, _lut ?? Lut(HeatOverGray)!, _heat);
        using var target = mosaic[rect];
        Cv2.AddWeighted(target, 0.5, _heat, 0.5, 0, target);
    }

    private void DrawInput(Frame frame, Mat mosaic, Rect rect)
    {
        var type = frame.Format == PixelFormat.Gray ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var input = Mat.FromPixelData(frame.Height, frame.Width, type, frame.PixelBuffer);
        Cv2.Resize(input, _resized, rect.Size, 0, 0, InterpolationFlags.Area);
        if (frame.Format == PixelFormat.Rgb)
        {
            Cv2.CvtColor(_resized, _resized, ColorConversionCodes.RGB2BGR);
        }

        using var target = mosaic[rect];
        if (_resized.Channels() == 1)
        {
            Cv2.CvtColor(_resized, target, ColorConversionCodes.GRAY2BGR);
        }
        else
        {
            _resized.CopyTo(target);
        }
    }

    private void Place(Mat gray, Mat mosaic, Rect rect, Mat? lut)
    {
        var source = gray;
        if (gray.Size() != rect.Size)
        {
            Cv2.Resize(gray, _resized, rect.Size, 0, 0, InterpolationFlags.Area);
            source = _resized;
        }

        using var target = mosaic[rect];
        Cv2.CvtColor(source, target, ColorConversionCodes.GRAY2BGR);
        if (lut is not null)
        {
            Cv2.LUT(target, lut, target);
        }
    }

    /// <summary>Tiles shrink to fit <see cref="MosaicOptions.MaxWidth"/>; zoomed, they also grow to fill it.</summary>
    private static Size TileSize(int width, int height, int columns, MosaicOptions options)
    {
        double fit = options.MaxWidth / (double)(columns * width);
        double scale = options.Zoom ? fit : Math.Min(1.0, fit);
        return new Size(Math.Max(1, (int)(width * scale)), Math.Max(1, (int)(height * scale)));
    }

    private static (float Lo, float Hi) Normalized(MosaicOptions options, (float, float) own, (float, float) global) =>
        options.Normalization switch
        {
            Normalization.PerMap => own,
            Normalization.Global => global,
            _ => options.FixedRange,
        };

    /// <summary>The frame's mosaic, cleared, with a band of its own under the tiles for the HUD, so it hides no map.</summary>
    private static Mat Canvas(Frame frame, int columns, int rows, Size tile, IReadOnlyList<string> hud, MosaicOptions options)
    {
        int hudHeight = options.Hud && hud.Count > 0 ? (hud.Count * HudLine) + 8 : 0;
        int width = Math.Max(columns * tile.Width, hudHeight > 0 ? HudMinWidth : 0), height = (rows * tile.Height) + hudHeight;
        var mosaic = Mat.FromPixelData(height, width, MatType.CV_8UC3, frame.PrepareMosaic(width, height));
        mosaic.SetTo(Scalar.All(0));
        return mosaic;
    }

    private static void DrawHud(Mat mosaic, IReadOnlyList<string> hud, int top, MosaicOptions options)
    {
        for (int i = 0; options.Hud && i < hud.Count; i++)
        {
            Label(mosaic, hud[i], new Point(6, top + ((i + 1) * HudLine)));
        }
    }

    /// <summary>The input frame, with the frozen neuron's field outlined and the selected map over it on request.</summary>
    private void DrawInputTile(Frame frame, MosaicOptions options, Mat planes, Mat mosaic, Rect rect)
    {
        var maps = frame.Maps!;
        DrawInput(frame, mosaic, rect);
        if (options.Highlight is { } field)
        {
            Outline(mosaic, rect, field, frame.Width, frame.Height);
        }

        if (options.Overlay)
        {
            int selected = Selected(options, maps.Channels);
            using var plane = planes.RowRange(selected * maps.Height, (selected + 1) * maps.Height);
            var (min, max) = MinMax(plane);
            DrawHeat(plane, min, max, mosaic, rect);
        }
    }

    /// <summary>White text with a black outline, readable on any map.</summary>
    private static void Label(Mat mosaic, string text, Point at)
    {
        Cv2.PutText(mosaic, text, at, Font, 0.45, Scalar.All(0), 3, LineTypes.AntiAlias);
        Cv2.PutText(mosaic, text, at, Font, 0.45, Scalar.All(255), 1, LineTypes.AntiAlias);
    }
}
