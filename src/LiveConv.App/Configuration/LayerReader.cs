using System.Globalization;
using System.Text.Json;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Configuration;

/// <summary>
/// Reads one entry of <c>"layers"</c>. Settings a layer can check alone are checked here so the error points at the
/// exact property; what depends on the shape flowing in (kernel larger than the input, reflect padding) is left to
/// the network's shape inference, which the loader maps back to <c>layers[i]</c>.
/// </summary>
internal static class LayerReader
{
    public static readonly IReadOnlyList<string> Types =
        ["conv2d", "relu", "leaky_relu", "abs", "none", "clip", "relu6", "maxpool2d", "avgpool2d", "scale_shift", "pad", "add"];

    private static readonly string[] ConvProperties = ["type", "stride", "padding", "paddingMode", "dilation", "groups", "kernels"];
    private static readonly string[] ActivationProperties = ["type"];
    private static readonly string[] LeakyProperties = ["type", "slope"];
    private static readonly string[] ClipProperties = ["type", "min", "max"];
    private static readonly string[] ScaleShiftProperties = ["type", "scale", "shift"];
    private static readonly string[] PadProperties = ["type", "padding", "mode", "value"];
    private static readonly string[] AddProperties = ["type", "from"];
    private static readonly string[] MaxPoolProperties = ["type", "kernel", "stride", "padding", "dilation", "ceilMode"];
    private static readonly string[] AvgPoolProperties = ["type", "kernel", "stride", "padding", "ceilMode", "countIncludePad"];

    private static readonly Dictionary<string, PaddingMode> PaddingModes = new(StringComparer.Ordinal)
    {
        ["zeros"] = PaddingMode.Zeros,
        ["reflect"] = PaddingMode.Reflect,
        ["replicate"] = PaddingMode.Replicate,
        ["circular"] = PaddingMode.Circular,
    };

    private static readonly Dictionary<string, PadMode> PadModes = new(StringComparer.Ordinal)
    {
        ["constant"] = PadMode.Constant,
        ["reflect"] = PadMode.Reflect,
        ["edge"] = PadMode.Edge,
    };

    /// <param name="inputChannels">Channels reaching this layer, for the kernel depth, groups and scale_shift checks.</param>
    /// <param name="index">The layer's place in <c>"layers"</c>, for an add's <c>"from"</c>.</param>
    public static Layer Read(ConfigNode node, int inputChannels, int index)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            throw node.Error($"expected a layer (an object with a \"type\"), got {node.Describe()}");
        }

        if (!node.Element.TryGetProperty("type", out var typeElement))
        {
            throw node.Property("type", default).Error($"missing required property: expected one of {string.Join(", ", Types)}");
        }

        var typeNode = node.Property("type", typeElement);
        string type = typeNode.AsString();
        try
        {
            return type switch
            {
                "conv2d" => ReadConv(node.AsObject("a layer", ConvProperties), inputChannels),
                "relu" => ReadActivation(node, ActivationKind.Relu),
                "abs" => ReadActivation(node, ActivationKind.Abs),
                "none" => ReadActivation(node, ActivationKind.None),
                "leaky_relu" => ReadLeaky(node.AsObject("a layer", LeakyProperties)),
                "clip" => ReadClip(node.AsObject("a layer", ClipProperties)),
                "relu6" => ReadRelu6(node),
                "scale_shift" => ReadScaleShift(node.AsObject("a layer", ScaleShiftProperties), inputChannels),
                "pad" => ReadPad(node.AsObject("a layer", PadProperties)),
                "add" => ReadAdd(node.AsObject("a layer", AddProperties), index),
                "maxpool2d" => ReadPool(node.AsObject("a layer", MaxPoolProperties), max: true),
                "avgpool2d" => ReadPool(node.AsObject("a layer", AvgPoolProperties), max: false),
                _ => throw typeNode.Error($"unknown layer type \"{type}\"; known types: {string.Join(", ", Types)}"),
            };
        }
        catch (ShapeException e)
        {
            // A constructor check this reader did not anticipate: still the user's mistake, still this layer.
            throw node.Error(e.Message);
        }
    }

    private static Activation ReadActivation(ConfigNode node, ActivationKind kind)
    {
        node.AsObject("a layer", ActivationProperties);
        return new Activation(kind);
    }

    private static Activation ReadLeaky(ConfigObject obj) =>
        new(ActivationKind.LeakyRelu, obj.Optional("slope") is { } slope ? slope.AsFloat() : Activation.DefaultSlope);

    /// <summary>min(max(x, min), max); a bound left out does not bind.</summary>
    private static Activation ReadClip(ConfigObject obj)
    {
        float min = obj.Optional("min")?.AsFloat() ?? float.NegativeInfinity;
        var maxNode = obj.Optional("max");
        float max = maxNode?.AsFloat() ?? float.PositiveInfinity;
        if (maxNode is { } m && max < min)
        {
            throw m.Error($"must not be less than min ({min.ToString(CultureInfo.InvariantCulture)}), got {m.Element.GetRawText()}");
        }

        return Activation.Clip(min, max);
    }

    private static Activation ReadRelu6(ConfigNode node)
    {
        node.AsObject("a layer", ActivationProperties);
        return Activation.Clip(0, 6);
    }

    private static ScaleShift ReadScaleShift(ConfigObject obj, int inputChannels) =>
        new(obj.Required("scale", $"an array of {inputChannels} numbers (one per input channel)").AsFloats(inputChannels, "input channel"),
            obj.Required("shift", $"an array of {inputChannels} numbers (one per input channel)").AsFloats(inputChannels, "input channel"));

    private static Pad2d ReadPad(ConfigObject obj)
    {
        var borders = obj.Required("padding", "an integer, [height, width] or {\"top\", \"bottom\", \"left\", \"right\"}")
            .AsBorders("a padding must not be negative");
        var mode = obj.Optional("mode") is { } modeNode ? Named(modeNode, PadModes, "pad mode") : PadMode.Constant;

        float value = 0f;
        if (obj.Optional("value") is { } valueNode)
        {
            value = mode == PadMode.Constant ? valueNode.AsFloat() : throw valueNode.Error($"a value is only used by mode \"constant\", not \"{mode.ToString().ToLowerInvariant()}\"");
        }

        return new Pad2d(borders, mode, value);
    }

    /// <summary>"from": an earlier layer's index, or "input".</summary>
    private static ResidualAdd ReadAdd(ConfigObject obj, int index)
    {
        var from = obj.Required("from", "an earlier layer's index or \"input\"");
        if (from.Kind == JsonValueKind.String)
        {
            string name = from.AsString();
            return name == "input" ? new ResidualAdd(ResidualAdd.NetworkInput) : throw from.Error($"expected an earlier layer's index or \"input\", got the string \"{name}\"");
        }

        int layer = from.AsInt();
        return layer >= 0 && layer < index
            ? new ResidualAdd(layer)
            : throw from.Error(index == 0
                ? $"the first layer has no earlier layer to add: use \"input\", got {layer}"
                : $"expected an earlier layer's index (0 to {index - 1}) or \"input\", got {layer}");
    }

    private static Conv2d ReadConv(ConfigObject obj, int inputChannels)
    {
        var stride = obj.Optional("stride")?.AsSize2(1, "a stride must be positive") ?? Size2.Square(1);
        var dilation = obj.Optional("dilation")?.AsSize2(1, "a dilation must be positive") ?? Size2.Square(1);
        var padding = obj.Optional("padding") is { } paddingNode ? ReadConvPadding(paddingNode, stride) : Padding.Explicit(0);

        var mode = obj.Optional("paddingMode") is { } modeNode ? Named(modeNode, PaddingModes, "padding mode") : PaddingMode.Zeros;

        var groupsNode = obj.Optional("groups");
        int groups = groupsNode?.AsBoundedInt(1, "groups must be positive") ?? 1;

        var kernelsNode = obj.Required("kernels", "an array of kernels");
        var entries = kernelsNode.AsArray("an array of kernels");
        if (entries.Count == 0)
        {
            throw kernelsNode.Error("expected at least one kernel, got an empty array");
        }

        var kernels = entries.Select((entry, k) => KernelReader.Read(entry, k)).ToArray();

        if (groupsNode is { } g && inputChannels % groups != 0)
        {
            throw g.Error($"{groups} does not divide the {inputChannels} input channels");
        }

        if (groupsNode is { } g2 && kernels.Length % groups != 0)
        {
            throw g2.Error($"{groups} does not divide the {kernels.Length} kernels");
        }

        int depth = inputChannels / groups;
        var first = kernels[0].Kernel;
        foreach (var (kernel, source) in kernels)
        {
            if (kernel.Height != first.Height || kernel.Width != first.Width)
            {
                throw source.Error(
                    $"kernel is {kernel.Height}x{kernel.Width} but the first kernel is {first.Height}x{first.Width}; all kernels of a layer must have one size");
            }

            if (kernel.Depth is int d && d != depth)
            {
                string why = groups == 1 ? "" : $" ({inputChannels} channels in {groups} groups)";
                throw source.Error(
                    $"kernel depth is {d} but each filter sees {depth} input channel{(depth == 1 ? "" : "s")}{why}; a 3D kernel needs one slice per channel");
            }
        }

        return new Conv2d(kernels.Select(k => k.Kernel).ToArray(), stride, padding, mode, dilation, groups);
    }

    /// <summary>One of a setting's words, or an error listing them.</summary>
    private static T Named<T>(ConfigNode node, Dictionary<string, T> words, string what)
    {
        string name = node.AsString();
        return words.TryGetValue(name, out var value)
            ? value
            : throw node.Error($"unknown {what} \"{name}\"; expected one of: {string.Join(", ", words.Keys)}");
    }

    private static Padding ReadConvPadding(ConfigNode node, Size2 stride)
    {
        if (node.Kind != JsonValueKind.String)
        {
            return Padding.Explicit(node.AsBorders("a padding must not be negative"));
        }

        return node.AsString() switch
        {
            "valid" => Padding.Valid,
            "same" when stride == Size2.Square(1) => Padding.Same,
            "same" => throw node.Error($"\"same\" needs stride 1, got stride {stride}"),
            var other => throw node.Error($"expected an integer, [height, width], {{\"top\", \"bottom\", \"left\", \"right\"}}, \"same\" or \"valid\", got the string \"{other}\""),
        };
    }

    private static Pool2d ReadPool(ConfigObject obj, bool max)
    {
        var kernel = obj.Required("kernel", "the pooling size (an integer or [height, width])").AsSize2(1, "a pooling size must be positive");
        var stride = obj.Optional("stride")?.AsSize2(1, "a stride must be positive") ?? kernel;
        var dilation = obj.Optional("dilation")?.AsSize2(1, "a dilation must be positive") ?? Size2.Square(1);
        var padding = obj.Optional("padding") is { } paddingNode ? paddingNode.AsBorders("a padding must not be negative") : default;
        if (Math.Max(padding.Top, padding.Bottom) > Pool2d.MaxPad(kernel.Height, dilation.Height)
            || Math.Max(padding.Left, padding.Right) > Pool2d.MaxPad(kernel.Width, dilation.Width))
        {
            string dilated = dilation == Size2.Square(1) ? "" : $" dilated by {dilation} (and less than the size itself)";
            throw obj.Optional("padding")!.Value.Error($"padding {padding} must be at most half the pooling size {kernel}{dilated}");
        }

        bool ceil = obj.Optional("ceilMode")?.AsBool() ?? false;
        if (max)
        {
            return new MaxPool2d(kernel, stride, padding, ceil, dilation);
        }

        bool countIncludePad = obj.Optional("countIncludePad")?.AsBool() ?? true;
        return new AvgPool2d(kernel, stride, padding, ceil, countIncludePad);
    }
}
