using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// A convolution's learned kernels as one picture. Filters that see the three channels of a color frame are small
/// color images (each channel's weights as that color, 0 at mid-gray, scaled per filter), in a labeled grid; other
/// filters are a row each, one tile per input channel in the signed colormap (blue negative, black 0, red positive,
/// symmetric per filter). Tiles are scaled up by whole pixels, nearest neighbour, so every weight is a square.
/// </summary>
public static class FilterSheet
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const int Gap = 4;
    private const int LabelHeight = 14;

    /// <param name="input">The color of the frames when this is the first layer, else null (the input is feature maps).</param>
    /// <param name="inputChannels">The channels reaching the layer.</param>
    public static Mat Render(Conv2d conv, int inputChannels, PixelFormat? input)
    {
        ArgumentNullException.ThrowIfNull(conv);
        int depth = inputChannels / conv.Groups;
        return depth == 3 && input is PixelFormat.Bgr or PixelFormat.Rgb
            ? ColorGrid(conv, input == PixelFormat.Rgb)
            : ChannelRows(conv, depth);
    }

    /// <summary>
    /// Layer <paramref name="convLayer"/> of <paramref name="network"/>, a convolution: drawn in colour when what reaches
    /// it is still the colour frame (only layers that keep its shape before it, such as a pad or a scale-shift).
    /// </summary>
    public static Mat Render(Network network, int convLayer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var conv = (Conv2d)network.Layers[convLayer];
        var input = network.InputShapeOf(convLayer);
        bool fromFrame = network.Layers.Take(convLayer).All(l => l is not Conv2d) && input == network.InputShape;
        return Render(conv, input.Channels, fromFrame ? network.Input.Color : null);
    }

    /// <summary>The convolution whose filters make layer <paramref name="layer"/>'s maps: the last one at or before it, else the first; null when there is none.</summary>
    public static int? ConvolutionOf(Network network, int layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var convs = Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i] is Conv2d).ToArray();
        return convs.Length == 0 ? null : convs.LastOrDefault(i => i <= layer, convs[0]);
    }

    /// <summary>Writes <see cref="Render(Network, int)"/> as an image file (format by its extension), whole or not at all (<see cref="Sinks.ImageFile"/>).</summary>
    /// <returns>The picture's size.</returns>
    /// <exception cref="IOException">The file cannot be encoded or written.</exception>
    public static (int Width, int Height) Save(string path, Network network, int convLayer)
    {
        using var sheet = Render(network, convLayer);
        try
        {
            Sinks.ImageFile.Write(sheet, path);
        }
        catch (OpenCVException e)
        {
            throw new IOException(e.Message, e);
        }

        return (sheet.Width, sheet.Height);
    }

    /// <summary>The whole-pixel scale that makes a kernel about 48 pixels wide, at least 1.</summary>
    private static int Scale(Kernel k) => Math.Max(1, 48 / Math.Max(k.Height, k.Width));

    private static Mat ColorGrid(Conv2d conv, bool rgb)
    {
        var first = conv.Kernels[0];
        int scale = Scale(first);
        int tileW = first.Width * scale, tileH = first.Height * scale;
        int columns = (int)Math.Ceiling(Math.Sqrt(conv.Filters));
        int rows = (conv.Filters + columns - 1) / columns;
        int cellW = Math.Max(tileW, 40) + Gap, cellH = tileH + LabelHeight + Gap;
        var sheet = new Mat((rows * cellH) + Gap, (columns * cellW) + Gap, MatType.CV_8UC3, Scalar.All(32));
        for (int f = 0; f < conv.Filters; f++)
        {
            var k = conv.Kernels[f];
            float magnitude = MaxAbs(k);
            using var tile = new Mat(k.Height, k.Width, MatType.CV_8UC3);
            for (int m = 0; m < k.Height; m++)
            {
                for (int n = 0; n < k.Width; n++)
                {
                    byte Level(int c) => (byte)Math.Round(127.5 + (127.5 * k.Weight(c, m, n) / magnitude));
                    tile.Set(m, n, rgb ? new Vec3b(Level(2), Level(1), Level(0)) : new Vec3b(Level(0), Level(1), Level(2)));
                }
            }

            var at = new Point(Gap + (f % columns * cellW), Gap + (f / columns * cellH));
            Place(tile, sheet, new Rect(at.X, at.Y, tileW, tileH));
            Label(sheet, k.Name, new Point(at.X, at.Y + tileH + LabelHeight - 3));
        }

        return sheet;
    }

    private static Mat ChannelRows(Conv2d conv, int depth)
    {
        var first = conv.Kernels[0];
        int scale = Scale(first) / 2 > 0 ? Scale(first) / 2 : 1;
        int tileW = first.Width * scale, tileH = first.Height * scale;
        int labelW = 60;
        int cellW = tileW + 2, cellH = tileH + 2;
        var sheet = new Mat(LabelHeight + (conv.Filters * cellH) + Gap, labelW + (depth * cellW) + Gap, MatType.CV_8UC3, Scalar.All(32));
        for (int c = 0; c < depth; c += Math.Max(1, 40 / cellW))
        {
            Label(sheet, $"c{c}", new Point(labelW + (c * cellW), LabelHeight - 3));
        }

        for (int f = 0; f < conv.Filters; f++)
        {
            var k = conv.Kernels[f];
            float magnitude = MaxAbs(k);
            int y = LabelHeight + (f * cellH);
            Label(sheet, k.Name, new Point(2, y + Math.Min(tileH, LabelHeight) - 2));
            for (int c = 0; c < depth; c++)
            {
                using var tile = new Mat(k.Height, k.Width, MatType.CV_8UC3);
                for (int m = 0; m < k.Height; m++)
                {
                    for (int n = 0; n < k.Width; n++)
                    {
                        tile.Set(m, n, SignedColor.Of(k.Weight(c, m, n) / magnitude));
                    }
                }

                Place(tile, sheet, new Rect(labelW + (c * cellW), y, tileW, tileH));
            }
        }

        return sheet;
    }

    /// <summary>The largest |weight| of a filter (1 for an all-zero one, which then shows as 0 everywhere).</summary>
    private static float MaxAbs(Kernel k)
    {
        float max = 0;
        foreach (float w in k.Weights)
        {
            max = Math.Max(max, Math.Abs(w));
        }

        return max > 0 ? max : 1;
    }

    private static void Place(Mat tile, Mat sheet, Rect rect)
    {
        using var roi = new Mat(sheet, rect);
        Cv2.Resize(tile, roi, rect.Size, 0, 0, InterpolationFlags.Nearest);
    }

    private static void Label(Mat sheet, string text, Point at) =>
        Cv2.PutText(sheet, text, at, Font, 0.35, Scalar.All(230), 1, LineTypes.AntiAlias);
}
