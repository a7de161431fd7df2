using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>A BGR picture over a byte array (a frame's pooled buffer): what the painters draw into, with no wrapper per call.</summary>
public readonly struct BgrImage
{
    public BgrImage(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels.Length, width * height * 3);
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public byte[] Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row <paramref name="y"/> from column <paramref name="x"/>, <paramref name="width"/> pixels (3 bytes each).</summary>
    public Span<byte> Row(int y, int x, int width) => Pixels.AsSpan(((y * Width) + x) * 3, width * 3);

    /// <summary>The part of <paramref name="rect"/> inside the picture.</summary>
    public Rect Clip(Rect rect) => Rect.Intersect(rect, new Rect(0, 0, Width, Height));

    public void Fill(Rect rect, Vec3b color)
    {
        rect = Clip(rect);
        if (rect.Width <= 0 || rect.Height <= 0)
        {
            return;
        }

        var first = Row(rect.Y, rect.X, rect.Width);
        for (int i = 0; i < first.Length; i += 3)
        {
            (first[i], first[i + 1], first[i + 2]) = (color.Item0, color.Item1, color.Item2);
        }

        for (int y = rect.Y + 1; y < rect.Bottom; y++)
        {
            first.CopyTo(Row(y, rect.X, rect.Width));
        }
    }

    /// <summary>A rectangle's border, <paramref name="thickness"/> pixels inward.</summary>
    public void Outline(Rect rect, Vec3b color, int thickness)
    {
        Fill(new Rect(rect.X, rect.Y, rect.Width, thickness), color);
        Fill(new Rect(rect.X, rect.Bottom - thickness, rect.Width, thickness), color);
        Fill(new Rect(rect.X, rect.Y, thickness, rect.Height), color);
        Fill(new Rect(rect.Right - thickness, rect.Y, thickness, rect.Height), color);
    }
}
