using System.Globalization;
using System.Text.Json;
using LiveConv.Engine.Kernels;

namespace LiveConv.App.Configuration;

/// <summary>
/// Reads one entry of a conv2d layer's <c>"kernels"</c>: either a built-in (<c>"kernel": NAME</c>, with an optional
/// "name" and "bias") or inline <c>"weights"</c>, 2D rows (one kernel broadcast over the input channels) or 3D
/// [depth][rows][cols] (one slice per input channel).
/// </summary>
internal static class KernelReader
{
    private static readonly string[] Known = ["name", "kernel", "weights", "bias"];

    /// <returns>The kernel, and the node that gave its weights (depth errors point there).</returns>
    public static (Kernel Kernel, ConfigNode Source) Read(ConfigNode node, int index)
    {
        var obj = node.AsObject("a kernel", Known);
        var library = obj.Optional("kernel");
        var weightsNode = obj.Optional("weights");
        if (library is not null && weightsNode is not null)
        {
            throw node.Error("give either \"kernel\" (a built-in name) or \"weights\", not both");
        }

        (Kernel kernel, ConfigNode source) = library is { } libraryNode
            ? (FromLibrary(libraryNode), libraryNode)
            : weightsNode is { } w
                ? (FromWeights(w, $"k{index}"), w)
                : throw node.Error("expected \"kernel\" (a built-in name) or \"weights\" (rows of numbers)");

        if (obj.Optional("name") is { } nameNode)
        {
            string name = nameNode.AsString();
            kernel = kernel.WithName(name.Length > 0 ? name : throw nameNode.Error("the name must not be empty"));
        }

        if (obj.Optional("bias") is { } biasNode)
        {
            kernel = kernel.WithBias(biasNode.AsFloat());
        }

        return (kernel, source);
    }

    private static Kernel FromLibrary(ConfigNode node)
    {
        string name = node.AsString();
        return KernelLibrary.TryGet(name, out var kernel)
            ? kernel
            : throw node.Error($"unknown kernel \"{name}\"; the library has: {string.Join(", ", KernelLibrary.Names)}");
    }

    private static Kernel FromWeights(ConfigNode node, string name)
    {
        var items = node.AsArray("weights: rows of numbers, or [depth][rows][cols]");
        if (items.Count == 0)
        {
            throw node.Error("expected at least one row of weights, got an empty array");
        }

        // The first value decides: rows of numbers (2D) or slices of rows (3D).
        bool is3D = items[0].Kind == JsonValueKind.Array && items[0].Element.GetArrayLength() > 0
            && items[0].Element[0].ValueKind == JsonValueKind.Array;
        if (!is3D)
        {
            var rows = ReadRows(node);
            return Kernel.Create(name, null, rows.Length, rows[0].Length, rows.SelectMany(r => r).ToArray());
        }

        var slices = items.Select(ReadRows).ToArray();
        for (int c = 1; c < slices.Length; c++)
        {
            if (slices[c].Length != slices[0].Length || slices[c][0].Length != slices[0][0].Length)
            {
                string sizes = string.Join(", ", slices.Select(s => $"{s.Length}x{s[0].Length}"));
                throw node.Error($"every slice of a 3D kernel must have one size; the slices are {sizes}");
            }
        }

        int height = slices[0].Length, width = slices[0][0].Length;
        return Kernel.Create(name, slices.Length, height, width, slices.SelectMany(s => s.SelectMany(r => r)).ToArray());
    }

    /// <summary>A non-empty rectangle of finite numbers.</summary>
    private static float[][] ReadRows(ConfigNode node)
    {
        var rows = node.AsArray("rows of numbers");
        if (rows.Count == 0)
        {
            throw node.Error("expected at least one row of weights, got an empty array");
        }

        var values = rows.Select(row =>
        {
            var cells = row.AsArray("a row (an array of numbers)");
            return cells.Count > 0 ? cells.Select(cell => cell.AsFloat()).ToArray() : throw row.Error("a row needs at least one number");
        }).ToArray();

        if (values.Any(r => r.Length != values[0].Length))
        {
            throw node.Error($"rows have {string.Join(", ", values.Select(r => r.Length.ToString(CultureInfo.InvariantCulture)))} values; every row must have the same length");
        }

        if (values.Length > ConfigNode.MaxDimension || values[0].Length > ConfigNode.MaxDimension)
        {
            throw node.Error($"a kernel may be at most {ConfigNode.MaxDimension} wide and tall");
        }

        return values;
    }
}
