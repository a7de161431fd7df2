using System.Buffers;
using System.Text;
using System.Text.Json;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Configuration;

/// <summary>
/// Writes a <see cref="Network"/> as a config file that <see cref="ConfigLoader"/> reads back into the same network:
/// every layer with all its settings, kernels with their exact weights (shortest round-trip floats). One layer per
/// line and one kernel per line, so a diff of two imports reads well.
/// </summary>
public static class ConfigWriter
{
    public static string Write(string name, string? description, Network network)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(network);
        var text = new StringBuilder();
        text.Append("{\n  \"$schema\": \"./liveconv.schema.json\",\n");
        text.Append("  \"name\": ").Append(Fragment(w => w.WriteStringValue(name))).Append(",\n");
        if (description is not null)
        {
            text.Append("  \"description\": ").Append(Fragment(w => w.WriteStringValue(description))).Append(",\n");
        }

        text.Append("  \"input\": ").Append(Fragment(w => Input(w, network.Input))).Append(",\n");
        text.Append("  \"layers\": [\n");
        for (int i = 0; i < network.Layers.Count; i++)
        {
            text.Append(Layer(network.Layers[i])).Append(i + 1 < network.Layers.Count ? ",\n" : "\n");
        }

        return text.Append("  ]\n}\n").ToString();
    }

    private static string Layer(Layer layer)
    {
        if (layer is not Conv2d conv)
        {
            return "    " + Fragment(w => Simple(w, layer));
        }

        // The kernels, the bulk of an imported file, one per line.
        string head = Fragment(w => ConvSettings(w, conv));
        var kernels = conv.Kernels.Select(k => "      " + Fragment(w => Kernel(w, k)));
        return $"    {head[..^1]}, \"kernels\": [\n{string.Join(",\n", kernels)}\n    ] }}";
    }

    private static void Input(Utf8JsonWriter w, InputSpec input)
    {
        w.WriteStartObject();
        w.WriteString("color", input.Color.ToString().ToLowerInvariant());
        w.WriteNumber("scale", input.Scale);
        w.WriteNumber("width", input.Width);
        w.WriteNumber("height", input.Height);
        Floats(w, "mean", input.Mean);
        Floats(w, "std", input.Std);
        w.WriteEndObject();
    }

    private static void ConvSettings(Utf8JsonWriter w, Conv2d conv)
    {
        w.WriteStartObject();
        w.WriteString("type", conv.Type);
        Size(w, "stride", conv.Stride);
        w.WritePropertyName("padding");
        switch (conv.Padding.Kind)
        {
            case Padding.PaddingKind.Same:
                w.WriteStringValue("same");
                break;
            case Padding.PaddingKind.Valid:
                w.WriteStringValue("valid");
                break;
            default:
                Borders(w, conv.Padding.Sides);
                break;
        }

        if (conv.PaddingMode != PaddingMode.Zeros)
        {
            w.WriteString("paddingMode", conv.PaddingMode.ToString().ToLowerInvariant());
        }

        if (conv.Dilation != Size2.Square(1))
        {
            Size(w, "dilation", conv.Dilation);
        }

        if (conv.Groups != 1)
        {
            w.WriteNumber("groups", conv.Groups);
        }

        w.WriteEndObject();
    }

    private static void Kernel(Utf8JsonWriter w, Kernel kernel)
    {
        w.WriteStartObject();
        w.WriteString("name", kernel.Name);
        w.WriteNumber("bias", kernel.Bias);
        w.WritePropertyName("weights");
        var weights = kernel.Weights;
        int plane = kernel.Height * kernel.Width;
        if (kernel.Depth is int depth)
        {
            w.WriteStartArray();
            for (int c = 0; c < depth; c++)
            {
                Rows(w, weights.Slice(c * plane, plane), kernel.Width);
            }

            w.WriteEndArray();
        }
        else
        {
            Rows(w, weights, kernel.Width);
        }

        w.WriteEndObject();
    }

    private static void Rows(Utf8JsonWriter w, ReadOnlySpan<float> values, int width)
    {
        w.WriteStartArray();
        for (int row = 0; row < values.Length; row += width)
        {
            w.WriteStartArray();
            foreach (float v in values.Slice(row, width))
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void Simple(Utf8JsonWriter w, Layer layer)
    {
        w.WriteStartObject();
        w.WriteString("type", layer.Type);
        switch (layer)
        {
            case Activation { Kind: ActivationKind.LeakyRelu } leaky:
                w.WriteNumber("slope", leaky.Slope);
                break;
            case Activation { Kind: ActivationKind.Clip } clip:
                // A bound left out does not bind (the reader's infinity, which JSON cannot hold).
                if (float.IsFinite(clip.Min))
                {
                    w.WriteNumber("min", clip.Min);
                }

                if (float.IsFinite(clip.Max))
                {
                    w.WriteNumber("max", clip.Max);
                }
                break;
            case Pool2d pool:
                Size(w, "kernel", pool.KernelSize);
                Size(w, "stride", pool.Stride);
                w.WritePropertyName("padding");
                Borders(w, pool.Padding);
                w.WriteBoolean("ceilMode", pool.CeilMode);
                if (pool is MaxPool2d && pool.Dilation != Size2.Square(1))
                {
                    Size(w, "dilation", pool.Dilation);
                }

                if (pool is AvgPool2d avg)
                {
                    w.WriteBoolean("countIncludePad", avg.CountIncludePad);
                }

                break;
            case ScaleShift scaleShift:
                Floats(w, "scale", scaleShift.Scale);
                Floats(w, "shift", scaleShift.Shift);
                break;
            case Pad2d pad:
                w.WritePropertyName("padding");
                Borders(w, pad.Borders);
                w.WriteString("mode", pad.Mode.ToString().ToLowerInvariant());
                if (pad.Mode == PadMode.Constant)
                {
                    w.WriteNumber("value", pad.Value);
                }

                break;
            case ResidualAdd add when add.From == ResidualAdd.NetworkInput:
                w.WriteString("from", "input");
                break;
            case ResidualAdd add:
                w.WriteNumber("from", add.From);
                break;
        }

        w.WriteEndObject();
    }

    private static void Size(Utf8JsonWriter w, string name, Size2 size)
    {
        w.WritePropertyName(name);
        SizeValue(w, size);
    }

    /// <summary>An int for a square pair, else [height, width], as the readers take.</summary>
    private static void SizeValue(Utf8JsonWriter w, Size2 size)
    {
        if (size.IsSquare)
        {
            w.WriteNumberValue(size.Height);
            return;
        }

        w.WriteStartArray();
        w.WriteNumberValue(size.Height);
        w.WriteNumberValue(size.Width);
        w.WriteEndArray();
    }

    private static void Borders(Utf8JsonWriter w, Borders borders)
    {
        if (borders.IsSymmetric)
        {
            SizeValue(w, new Size2(borders.Top, borders.Left));
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("top", borders.Top);
        w.WriteNumber("bottom", borders.Bottom);
        w.WriteNumber("left", borders.Left);
        w.WriteNumber("right", borders.Right);
        w.WriteEndObject();
    }

    private static void Floats(Utf8JsonWriter w, string name, IReadOnlyList<float>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (float v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>One value as compact JSON; names and descriptions keep their characters (no \u escapes for accents).</summary>
    private static string Fragment(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
