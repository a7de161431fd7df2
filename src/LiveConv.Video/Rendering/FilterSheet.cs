using System.Globalization;
using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// A convolution's filters as pictures. On the colour frame a filter with one slice per colour channel is one small
/// colour image (its B, G and R slices as the picture's channels; mid-gray is 0, each filter scaled to its own
/// largest |w|, the way first-layer filters of trained networks are usually shown). Anywhere else, one tile per input
/// channel in the signed colormap (blue negative, black 0, red positive; scaled per filter, so a filter's channels
/// compare); a 2D kernel, applied alike to every channel, is one tile. Tiles are enlarged by an integer factor,
/// nearest neighbour, so each weight stays a visible block.
/// </summary>
public static class FilterSheet
{
    private const int MinTile = 32;
    private const int Gap = 3;
    private const int MaxLabelWidth = 160;
    private const int TitleHeight = 24;
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const double TitleScale = 0.42;
    private const double LabelScale = 0.4;
    private static readonly Scalar Background = Scalar.All(24);

    /// <summary>Draws layer <paramref name="layerIndex"/> of <paramref name="network"/>, which must be a convolution.</summary>
    /// <exception cref="ArgumentException">That layer is not a convolution; the message says which layers are.</exception>
    public static Mat Draw(Network network, int layerIndex)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (layerIndex < 0 || layerIndex >= network.Layers.Count || network.Layers[layerIndex] is not Conv2d conv)
        {
            var convs = ConvolutionIndices(network);
            throw new ArgumentException(convs.Count == 0
                ? "the network has no convolution, so no filters to draw"
                : $"layer {layerIndex} is not a convolution; the convolutions are layer{(convs.Count == 1 ? "" : "s")} {string.Join(", ", convs)}");
        }

        var input = network.InputShapeOf(layerIndex);
        bool colour = layerIndex == 0 && network.Input.Color != PixelFormat.Gray && conv.Groups == 1 && conv.Kernels.All(k => k.Depth == 3);
        return colour ? DrawColour(conv, network.Input.Color) : DrawSigned(conv, input.Channels);
    }

    /// <summary>The layers <see cref="Draw"/> can draw.</summary>
    public static IReadOnlyList<int> ConvolutionIndices(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i] is Conv2d).ToArray();
    }

    private static int Scale(Conv2d conv) => Math.Max(1, (MinTile + Math.Max(conv.KernelSize.Height, conv.KernelSize.Width) - 1) / Math.Max(conv.KernelSize.Height, conv.KernelSize.Width));

    private static Mat DrawColour(Conv2d conv, PixelFormat order)
    {
        int scale = Scale(conv);
        int th = conv.KernelSize.Height * scale, tw = conv.KernelSize.Width * scale;
        int n = conv.Filters, columns = (int)Math.Ceiling(Math.Sqrt(n)), rows = (n + columns - 1) / columns;
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{n} filters {conv.KernelSize.Height}x{conv.KernelSize.Width}x3 in colour: mid-gray 0, each scaled to its max |w|");
        int width = Math.Max((columns * (tw + Gap)) + Gap, TextWidth(title, TitleScale) + (2 * Gap)), height = TitleHeight + (rows * (th + Gap)) + Gap;
        var sheet = new Mat(height, width, MatType.CV_8UC3, Background);
        var pixels = new byte[th * tw * 3];
        for (int f = 0; f < n; f++)
        {
            var k = conv.Kernels[f];
            float peak = Peak(k.Weights);
            for (int y = 0; y < th; y++)
            {
                for (int x = 0; x < tw; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        // The kernel's slices follow the input's order; the picture is BGR.
                        int slice = order == PixelFormat.Rgb ? 2 - c : c;
                        float w = k.Weight(slice, y / scale, x / scale);
                        pixels[(((y * tw) + x) * 3) + c] = (byte)Math.Clamp(MathF.Round(127.5f + (127.5f * w / peak)), 0, 255);
                    }
                }
            }

            Place(sheet, pixels, th, tw, Gap + ((f % columns) * (tw + Gap)), TitleHeight + Gap + ((f / columns) * (th + Gap)));
        }

        Title(sheet, title);
        return sheet;
    }

    private static Mat DrawSigned(Conv2d conv, int inputChannels)
    {
        int scale = Scale(conv);
        int th = conv.KernelSize.Height * scale, tw = conv.KernelSize.Width * scale;
        int slices = conv.Kernels[0].Depth ?? 1;
        string what = conv.Kernels[0].Depth is null
            ? $"2D, alike on all {inputChannels} channels"
            : $"one tile per input channel{(conv.Groups > 1 ? $" of its group ({conv.Groups} groups)" : "")}";
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{conv.Filters} filters {conv.KernelSize.Height}x{conv.KernelSize.Width}, {what}: blue <0, black 0, red >0");
        int labelWidth = Math.Min(MaxLabelWidth, conv.Kernels.Max(k => TextWidth(k.Name, LabelScale))) + (2 * Gap);
        int width = Math.Max(labelWidth + (slices * (tw + Gap)) + Gap, TextWidth(title, TitleScale) + (2 * Gap)), height = TitleHeight + (conv.Filters * (th + Gap)) + Gap;
        var sheet = new Mat(height, width, MatType.CV_8UC3, Background);
        var pixels = new byte[th * tw * 3];
        for (int f = 0; f < conv.Filters; f++)
        {
            var k = conv.Kernels[f];
            float peak = Peak(k.Weights);
            int top = TitleHeight + Gap + (f * (th + Gap));
            for (int c = 0; c < slices; c++)
            {
                for (int y = 0; y < th; y++)
                {
                    for (int x = 0; x < tw; x++)
                    {
                        float v = k.Weight(c, y / scale, x / scale) / peak;
                        byte level = (byte)Math.Clamp(MathF.Round(255f * MathF.Abs(v)), 0, 255);
                        int at = ((y * tw) + x) * 3;
                        pixels[at] = v < 0 ? level : (byte)0;
                        pixels[at + 1] = 0;
                        pixels[at + 2] = v > 0 ? level : (byte)0;
                    }
                }

                Place(sheet, pixels, th, tw, labelWidth + (c * (tw + Gap)), top);
            }

            // A name too long for the label column is cut; the sheet stays the size of its tiles.
            using (var label = new Mat(sheet, new Rect(0, top, labelWidth - Gap, th)))
            {
                Cv2.PutText(label, k.Name, new Point(Gap, Math.Min(th, 18)), Font, LabelScale, Scalar.All(230), 1, LineTypes.AntiAlias);
            }
        }

        Title(sheet, title);
        return sheet;
    }

    /// <summary>The largest |w|; 1 for an all-zero filter, which then draws as 0.</summary>
    private static float Peak(ReadOnlySpan<float> weights)
    {
        float peak = 0;
        foreach (float w in weights)
        {
            peak = MathF.Max(peak, MathF.Abs(w));
        }

        return peak > 0 ? peak : 1;
    }

    private static void Place(Mat sheet, byte[] pixels, int height, int width, int left, int top)
    {
        using var tile = Mat.FromPixelData(height, width, MatType.CV_8UC3, pixels);
        using var target = new Mat(sheet, new Rect(left, top, width, height));
        tile.CopyTo(target);
    }

    private static void Title(Mat sheet, string text) =>
        Cv2.PutText(sheet, text, new Point(Gap, 17), Font, TitleScale, Scalar.All(230), 1, LineTypes.AntiAlias);

    private static int TextWidth(string text, double scale) => Cv2.GetTextSize(text, Font, scale, 1, out _).Width;
}
