using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>256 BGR colors, one per normalized value: gray, an OpenCV colormap, or the signed map of z.</summary>
public sealed class ColorTable
{
    private readonly Vec3b[] _colors;

    private ColorTable(Vec3b[] colors) => _colors = colors;

    public ReadOnlySpan<Vec3b> Colors => _colors;

    public static ColorTable Gray { get; } = new(Enumerable.Range(0, 256).Select(i => new Vec3b((byte)i, (byte)i, (byte)i)).ToArray());

    /// <summary>
    /// 0..127 negative (bright blue at the most negative, fading to black), 128..255 positive (black to bright red):
    /// zero is black like in the other tiles, and the sign is the hue.
    /// </summary>
    public static ColorTable Signed { get; } = new(Enumerable.Range(0, 256).Select(i =>
    {
        double t = (i - 127.5) / 127.5;
        byte strong = (byte)Math.Round(255 * Math.Abs(t)), soft = (byte)Math.Round(96 * t * t);
        return t < 0 ? new Vec3b(strong, soft, 0) : new Vec3b(0, soft, strong);
    }).ToArray());

    /// <summary>The colormap's table, as OpenCV's ApplyColorMap colors each value (built once, by it).</summary>
    public static ColorTable Of(Colormap colormap)
    {
        ArgumentNullException.ThrowIfNull(colormap);
        if (colormap.Type is not { } type)
        {
            return Gray;
        }

        using var ramp = new Mat(1, 256, MatType.CV_8UC1);
        var values = ramp.AsSpan<byte>();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)i;
        }

        using var colors = new Mat();
        Cv2.ApplyColorMap(ramp, colors, type);
        return new ColorTable(colors.AsSpan<Vec3b>().ToArray());
    }
}
