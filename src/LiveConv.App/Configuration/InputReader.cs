using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Configuration;

/// <summary>
/// Reads <c>"input"</c>. Every property is optional. The color defaults to bgr because that is what cameras and
/// OpenCV hand over (2D kernels are broadcast over its three channels); gray is one "color": "gray" away. "mean" and
/// "std" (one per channel, in the color's order) normalize after the scale: (pixel·scale − mean) / std.
/// </summary>
internal static class InputReader
{
    public const PixelFormat DefaultColor = PixelFormat.Bgr;
    public const int DefaultWidth = 1280;
    public const int DefaultHeight = 720;

    private static readonly string[] Known = ["color", "scale", "width", "height", "mean", "std"];

    private static readonly Dictionary<string, PixelFormat> Colors = new(StringComparer.Ordinal)
    {
        ["gray"] = PixelFormat.Gray,
        ["bgr"] = PixelFormat.Bgr,
        ["rgb"] = PixelFormat.Rgb,
    };

    public static InputSpec Read(ConfigNode? node)
    {
        var spec = new InputSpec(DefaultColor, InputSpec.DefaultScale, DefaultWidth, DefaultHeight);
        if (node is not { } input)
        {
            return spec;
        }

        var obj = input.AsObject("the input description", Known);
        if (obj.Optional("color") is { } colorNode)
        {
            string color = colorNode.AsString();
            spec = spec with
            {
                Color = Colors.TryGetValue(color, out var format)
                    ? format
                    : throw colorNode.Error($"unknown color \"{color}\"; expected one of: {string.Join(", ", Colors.Keys)}"),
            };
        }

        if (obj.Optional("scale") is { } scaleNode)
        {
            float scale = scaleNode.AsFloat();
            spec = spec with { Scale = scale > 0 ? scale : throw scaleNode.Error($"must be positive, got {scaleNode.Element.GetRawText()}") };
        }

        if (obj.Optional("width") is { } widthNode)
        {
            spec = spec with { Width = widthNode.AsBoundedInt(1, "must be positive") };
        }

        if (obj.Optional("height") is { } heightNode)
        {
            spec = spec with { Height = heightNode.AsBoundedInt(1, "must be positive") };
        }

        int channels = spec.Color.Channels();
        if (obj.Optional("mean") is { } meanNode)
        {
            spec = spec with { Mean = meanNode.AsFloats(channels, $"{spec.Color.ToString().ToLowerInvariant()} channel") };
        }

        if (obj.Optional("std") is { } stdNode)
        {
            var std = stdNode.AsFloats(channels, $"{spec.Color.ToString().ToLowerInvariant()} channel");
            int bad = Array.FindIndex(std, v => v <= 0);
            spec = spec with { Std = bad < 0 ? std : throw stdNode.Item(bad, default).Error($"a std must be positive, got {std[bad].ToString(CultureInfo.InvariantCulture)}") };
        }

        return spec;
    }
}
