using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Explain;

/// <summary>Small matrices as text: the "1,2,0;1,0,0" syntax of the command line, and aligned printing.</summary>
public static class MatrixText
{
    /// <summary>Rows separated by ';', values by ',' or spaces; invariant-culture numbers.</summary>
    public static bool TryParse(string text, out float[][] rows, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rows = [];
        var parsed = new List<float[]>();
        foreach (string row in text.Split(';', StringSplitOptions.TrimEntries))
        {
            var values = new List<float>();
            foreach (string cell in row.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                {
                    error = $"\"{cell}\" is not a finite number";
                    return false;
                }

                values.Add(v);
            }

            if (values.Count == 0)
            {
                error = "every row needs at least one number (rows are separated by ';', values by ',')";
                return false;
            }

            parsed.Add([.. values]);
        }

        if (parsed.Any(r => r.Length != parsed[0].Length))
        {
            error = $"rows have {string.Join(", ", parsed.Select(r => r.Length))} values; every row must have the same length";
            return false;
        }

        rows = [.. parsed];
        error = "";
        return true;
    }

    public static string Format(float value) =>
        (value == 0f ? 0f : value).ToString("0.####", CultureInfo.InvariantCulture); // no "-0"

    /// <summary>Writes a matrix with right-aligned columns, each row indented.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<IReadOnlyList<float>> rows, string indent = "    ")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => r.Select(Format).ToArray()).ToArray();
        int width = cells.SelectMany(r => r).DefaultIfEmpty("").Max(c => c.Length);
        foreach (var row in cells)
        {
            writer.WriteLine(indent + string.Join("  ", row.Select(c => c.PadLeft(width))));
        }
    }

    public static void Write(TextWriter writer, Tensor tensor, int channel = 0, string indent = "    ") =>
        Write(writer, Rows(tensor, channel), indent);

    public static float[][] Rows(Tensor tensor, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var plane = tensor.Channel(channel).ToArray();
        return Enumerable.Range(0, tensor.Height).Select(y => plane.AsSpan(y * tensor.Width, tensor.Width).ToArray()).ToArray();
    }
}
