using System.Globalization;
using System.Text.Json;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Configuration;

/// <summary>
/// One JSON value of a config with its file and JSON path, so every complaint about it can say exactly where it is.
/// The typed getters accept only what the format allows and throw <see cref="ConfigException"/> otherwise.
/// </summary>
internal readonly struct ConfigNode(string file, string path, JsonElement element)
{
    /// <summary>Sizes, strides, paddings and input dimensions stay below this so int arithmetic cannot overflow.</summary>
    public const int MaxDimension = 65536;

    public string File { get; } = file;

    /// <summary>The JSON path, e.g. <c>layers[0].kernels[2].weights</c>; <c>$</c> for the document itself.</summary>
    public string Path { get; } = path;

    public JsonElement Element { get; } = element;

    public JsonValueKind Kind => Element.ValueKind;

    public static ConfigNode Root(string file, JsonElement element) => new(file, "$", element);

    public ConfigNode Property(string name, JsonElement value) => new(File, Path == "$" ? name : $"{Path}.{name}", value);

    public ConfigNode Item(int index, JsonElement value) => new(File, $"{Path}[{index}]", value);

    public ConfigException Error(string message) => new($"{File}: {Path}: {message}");

    public ConfigObject AsObject(string description, IReadOnlyList<string> known) =>
        Kind == JsonValueKind.Object ? new ConfigObject(this, known) : throw Error($"expected {description} (an object), got {Describe()}");

    /// <summary>The items of an array, each with its path.</summary>
    public IReadOnlyList<ConfigNode> AsArray(string description)
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Error($"expected {description}, got {Describe()}");
        }

        var items = new List<ConfigNode>(Element.GetArrayLength());
        int i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            items.Add(Item(i++, item));
        }

        return items;
    }

    public string AsString() => Kind == JsonValueKind.String ? Element.GetString()! : throw Error($"expected a string, got {Describe()}");

    public bool AsBool() => Kind is JsonValueKind.True or JsonValueKind.False
        ? Element.GetBoolean()
        : throw Error($"expected true or false, got {Describe()}");

    /// <summary>A finite number that fits a float. JSON has no NaN or Infinity, but "NaN" strings and 1e999 turn up.</summary>
    public float AsFloat()
    {
        if (Kind == JsonValueKind.String)
        {
            throw Error($"expected a number, got the string \"{Element.GetString()}\" (NaN and Infinity are not allowed)");
        }

        if (Kind != JsonValueKind.Number)
        {
            throw Error($"expected a number, got {Describe()}");
        }

        // TryGetDouble refuses values that overflow to infinity; the float cast can still overflow.
        if (!Element.TryGetDouble(out double d) || !float.IsFinite((float)d))
        {
            throw Error($"the number {Element.GetRawText()} is out of range for a 32-bit float");
        }

        return (float)d;
    }

    public int AsInt()
    {
        if (Kind != JsonValueKind.Number)
        {
            throw Error($"expected an integer, got {Describe()}");
        }

        if (Element.TryGetInt32(out int value))
        {
            return value;
        }

        bool integral = Element.TryGetDouble(out double d) && Math.Floor(d) == d;
        throw Error(integral ? $"the integer {Element.GetRawText()} is out of range" : $"expected an integer, got {Element.GetRawText()}");
    }

    /// <summary>An integer in [min, <see cref="MaxDimension"/>].</summary>
    public int AsBoundedInt(int min, string rule)
    {
        int value = AsInt();
        if (value < min)
        {
            throw Error($"{rule}, got {value}");
        }

        return value <= MaxDimension ? value : throw Error($"must be at most {MaxDimension}, got {value}");
    }

    /// <summary>An int for both axes or [height, width].</summary>
    public Size2 AsSize2(int min, string rule)
    {
        if (Kind == JsonValueKind.Number)
        {
            return Size2.Square(AsBoundedInt(min, rule));
        }

        if (Kind == JsonValueKind.Array)
        {
            var items = AsArray("an integer or [height, width]");
            if (items.Count != 2)
            {
                throw Error($"expected [height, width], got an array of {items.Count} value{(items.Count == 1 ? "" : "s")}");
            }

            return new Size2(items[0].AsBoundedInt(min, rule), items[1].AsBoundedInt(min, rule));
        }

        throw Error($"expected an integer or [height, width], got {Describe()}");
    }

    /// <summary>An int for every side, [height, width], or {"top", "bottom", "left", "right"} (each 0 when left out).</summary>
    public Borders AsBorders(string rule)
    {
        if (Kind != JsonValueKind.Object)
        {
            return Kind is JsonValueKind.Number or JsonValueKind.Array
                ? Borders.Symmetric(AsSize2(0, rule))
                : throw Error($"expected an integer, [height, width] or {{\"top\", \"bottom\", \"left\", \"right\"}}, got {Describe()}");
        }

        var sides = AsObject("the padding of each side", ["top", "bottom", "left", "right"]);
        int Side(string name) => sides.Optional(name)?.AsBoundedInt(0, rule) ?? 0;
        return new Borders(Side("top"), Side("bottom"), Side("left"), Side("right"));
    }

    /// <summary>An array of exactly <paramref name="count"/> numbers, one per <paramref name="what"/>.</summary>
    public float[] AsFloats(int count, string what)
    {
        var items = AsArray($"an array of {count} numbers (one per {what})");
        if (items.Count != count)
        {
            throw Error($"expected {count} number{(count == 1 ? "" : "s")} (one per {what}), got {items.Count}");
        }

        return [.. items.Select(item => item.AsFloat())];
    }

    /// <summary>The value as a user would name it in an error: its kind, and short values themselves.</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Element.GetString()}\"",
        JsonValueKind.Number => $"the number {Element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => Element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => Kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
