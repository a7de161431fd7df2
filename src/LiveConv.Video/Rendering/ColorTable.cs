using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>256 BGR colors, one per normalized value: gray, an OpenCV colormap, or the signed map of z.</summary>
public sealed class ColorTable
{
    private readonly Vec3b[] _colors;

    private ColorTable(Vec3b[] colors) => _colors = colors;

    public ReadOnlySpan<Vec3b> Colors => _colors;

    public static ColorTable Gray { get; } = new(Enumerable.Range(0, 256).Select(i => new Vec3b((byte)i, (byte)i, (byte)i)).ToArray());

    /// <summary>The signed map (<see cref="SignedColor"/>): 0..127 negative, 128..255 positive.</summary>
    public static ColorTable Signed { get; } = new(Enumerable.Range(0, 256).Select(i => SignedColor.Of((i - 127.5) / 127.5)).ToArray());

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
