using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Text in OpenCV's Hershey font, drawn from glyphs rendered once (anti-aliased) and blended into a
/// <see cref="BgrImage"/> from a span of characters: no string, image wrapper or native call per frame.
/// Characters outside printable ASCII show as '?'.
/// </summary>
public static class TextPainter
{
    /// <summary>Pixels from one line's top to the next.</summary>
    public const int LineHeight = 18;

    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const double FontScale = 0.45;
    private const int Ascent = 13;
    private const char First = ' ', Last = '~';
    private static readonly Glyph[] Glyphs = Render();

    /// <summary>Width of <paramref name="text"/> in pixels.</summary>
    public static int Measure(ReadOnlySpan<char> text)
    {
        int width = 0;
        foreach (char c in text)
        {
            width += Of(c).Advance;
        }

        return width;
    }

    /// <summary>How many of <paramref name="text"/>'s first characters fit in <paramref name="width"/> pixels.</summary>
    public static int Fit(ReadOnlySpan<char> text, int width)
    {
        int used = 0;
        for (int i = 0; i < text.Length; i++)
        {
            used += Of(text[i]).Advance;
            if (used > width)
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>Draws one line whose top is at <paramref name="y"/>, clipped to <paramref name="clip"/>; returns the x after it.</summary>
    public static int Draw(BgrImage image, ReadOnlySpan<char> text, int x, int y, Vec3b color, Rect clip)
    {
        clip = image.Clip(clip);
        foreach (char c in text)
        {
            var glyph = Of(c);
            for (int row = 0; row < LineHeight; row++)
            {
                int py = y + row;
                if (py < clip.Y || py >= clip.Bottom)
                {
                    continue;
                }

                var alpha = glyph.Alpha.AsSpan(row * glyph.Width, glyph.Width);
                for (int column = 0; column < glyph.Width; column++)
                {
                    int px = x + column;
                    int a = alpha[column];
                    if (a == 0 || px < clip.X || px >= clip.Right)
                    {
                        continue;
                    }

                    int at = ((py * image.Width) + px) * 3;
                    var p = image.Pixels;
                    p[at] = (byte)(((p[at] * (255 - a)) + (color.Item0 * a)) / 255);
                    p[at + 1] = (byte)(((p[at + 1] * (255 - a)) + (color.Item1 * a)) / 255);
                    p[at + 2] = (byte)(((p[at + 2] * (255 - a)) + (color.Item2 * a)) / 255);
                }
            }

            x += glyph.Advance;
        }

        return x;
    }

    private static Glyph Of(char c) => Glyphs[c is >= First and <= Last ? c - First : '?' - First];

    private static Glyph[] Render()
    {
        var glyphs = new Glyph[Last - First + 1];
        for (char c = First; c <= Last; c++)
        {
            string text = c.ToString();
            var size = Cv2.GetTextSize(text, Font, FontScale, 1, out _);
            int width = size.Width + 2;
            using var mask = new Mat(LineHeight, width, MatType.CV_8UC1, Scalar.All(0));
            Cv2.PutText(mask, text, new Point(0, Ascent), Font, FontScale, Scalar.All(255), 1, LineTypes.AntiAlias);
            var alpha = new byte[LineHeight * width];
            mask.AsSpan<byte>().CopyTo(alpha);
            glyphs[c - First] = new Glyph(size.Width, width, alpha);
        }

        return glyphs;
    }

    private sealed record Glyph(int Advance, int Width, byte[] Alpha);
}
