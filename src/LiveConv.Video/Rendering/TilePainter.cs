using System.Numerics;
using System.Runtime.InteropServices;
using LiveConv.Engine.Tensors;
using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Paints a feature map (normalized, through a <see cref="ColorTable"/>) or the input frame into a tile of a
/// <see cref="BgrImage"/>, scaled by <see cref="Sampling"/>: managed loops over rows kept in scratch buffers, so a
/// frame costs no allocation and no native call. One per render thread.
/// </summary>
public sealed class TilePainter
{
    /// <summary>ceil(65536 / n): (total * it) >> 16 is total / n for the sums of up to 16 bytes averaged here (checked exhaustively).</summary>
    private static readonly int[] Reciprocals = [.. Enumerable.Range(0, 17).Select(n => n == 0 ? 0 : (65536 + n - 1) / n)];
    private readonly Dictionary<(int, int), Sampling> _samplings = [];
    private float[] _sum = [];
    private int[] _counts = [];
    private int[] _index = [];

    /// <summary>
    /// The map over <paramref name="lo"/>..<paramref name="hi"/> (clipped outside it) in the table's colors; a flat map
    /// (lo = hi) shows as the table's low end, or its middle when <paramref name="flatIsMiddle"/> (zero in the signed table).
    /// </summary>
    /// <param name="blend">Half over what the tile shows already (the heat map over the input) instead of replacing it.</param>
    public void PaintMap(
        BgrImage image, Rect tile, ReadOnlySpan<float> plane, int width, int height, float lo, float hi, ColorTable table,
        bool flatIsMiddle = false, bool blend = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        float alpha = hi > lo ? 255f / (hi - lo) : 0f;
        float beta = hi > lo ? -lo * alpha : flatIsMiddle ? 127.5f : 0f;
        var columns = SamplingFor(width, tile.Width);
        var rows = SamplingFor(height, tile.Height);
        Ensure(width);
        var sum = _sum.AsSpan(0, width);
        var index = _index.AsSpan(0, width);
        var colors = table.Colors;
        int previous = -1;
        for (int y = 0; y < tile.Height; y++)
        {
            int r0 = rows.Start[y], r1 = rows.End[y];
            var target = image.Row(tile.Y + y, tile.X, tile.Width);
            if (r0 == previous && !blend)
            {
                // Enlarging: the row above covers the same map row.
                image.Row(tile.Y + y - 1, tile.X, tile.Width).CopyTo(target);
                continue;
            }

            previous = r0;
            plane.Slice(r0 * width, width).CopyTo(sum);
            for (int r = r0 + 1; r < r1; r++)
            {
                Accumulate(sum, plane.Slice(r * width, width));
            }

            ToIndices(sum, alpha / (r1 - r0), beta, index);
            var pixels = MemoryMarshal.Cast<byte, Vec3b>(target);
            if (blend)
            {
                for (int x = 0, at = 0; x < tile.Width; x++, at += 3)
                {
                    var color = colors[Average(index, columns, x)];
                    target[at] = (byte)((target[at] + color.Item0 + 1) >> 1);
                    target[at + 1] = (byte)((target[at + 1] + color.Item1 + 1) >> 1);
                    target[at + 2] = (byte)((target[at + 2] + color.Item2 + 1) >> 1);
                }
            }
            else if (columns.OneToOne)
            {
                var start = columns.Start;
                for (int x = 0; x < pixels.Length; x++)
                {
                    pixels[x] = colors[index[start[x]]];
                }
            }
            else
            {
                for (int x = 0; x < pixels.Length; x++)
                {
                    pixels[x] = colors[Average(index, columns, x)];
                }
            }
        }
    }

    /// <summary>The input frame's pixels (gray, BGR or RGB), as BGR.</summary>
    public void PaintPixels(BgrImage image, Rect tile, ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        int channels = format.Channels();
        var columns = SamplingFor(width, tile.Width);
        var rows = SamplingFor(height, tile.Height);
        Ensure(width * channels);
        var sum = _counts.AsSpan(0, width * channels);
        for (int y = 0; y < tile.Height; y++)
        {
            int r0 = rows.Start[y], r1 = rows.End[y];
            sum.Clear();
            for (int r = r0; r < r1; r++)
            {
                var row = pixels.Slice(r * width * channels, width * channels);
                for (int i = 0; i < row.Length; i++)
                {
                    sum[i] += row[i];
                }
            }

            var target = image.Row(tile.Y + y, tile.X, tile.Width);
            var starts = columns.Start;
            var ends = columns.End;
            // RGB frames keep red first: swap to BGR.
            int blue = format == PixelFormat.Rgb ? 2 : 0, red = 2 - blue, green = channels == 1 ? 0 : 1;
            if (channels == 1)
            {
                (blue, red) = (0, 0);
            }

            for (int x = 0, at = 0; x < tile.Width; x++, at += 3)
            {
                int c0 = starts[x], c1 = ends[x];
                int b = 0, g = 0, r = 0;
                for (int p = c0 * channels; p < c1 * channels; p += channels)
                {
                    b += sum[p + blue];
                    g += sum[p + green];
                    r += sum[p + red];
                }

                // A multiplication, not three divisions: this loop runs for every pixel of the tile.
                float scale = 1f / ((c1 - c0) * (r1 - r0));
                target[at] = (byte)(b * scale);
                target[at + 1] = (byte)(g * scale);
                target[at + 2] = (byte)(r * scale);
            }
        }
    }

    /// <summary>The smallest and largest value; (0, 0) for none.</summary>
    public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }

        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        float min = values[0], max = values[0];
        if (vectors.Length > 0)
        {
            Vector<float> low = vectors[0], high = vectors[0];
            foreach (var v in vectors[1..])
            {
                (low, high) = (Vector.Min(low, v), Vector.Max(high, v));
            }

            for (int i = 0; i < Vector<float>.Count; i++)
            {
                (min, max) = (Math.Min(min, low[i]), Math.Max(max, high[i]));
            }
        }

        foreach (float v in values[(vectors.Length * Vector<float>.Count)..])
        {
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }

        return (min, max);
    }

    /// <summary>Each value times <paramref name="scale"/> plus <paramref name="offset"/>, rounded and clamped to 0..255.</summary>
    private static void ToIndices(ReadOnlySpan<float> values, float scale, float offset, Span<int> indices)
    {
        var from = MemoryMarshal.Cast<float, Vector<float>>(values);
        var to = MemoryMarshal.Cast<int, Vector<int>>(indices[..values.Length]);
        Vector<float> a = new(scale), b = new(offset + 0.5f), low = Vector<float>.Zero, high = new(255f);
        for (int i = 0; i < from.Length; i++)
        {
            // Clamped first, then truncated: round half up on non-negative values, as the scalar tail does.
            to[i] = Vector.ConvertToInt32(Vector.Min(Vector.Max((from[i] * a) + b, low), high));
        }

        for (int i = from.Length * Vector<float>.Count; i < values.Length; i++)
        {
            indices[i] = (int)Math.Clamp((values[i] * scale) + offset + 0.5f, 0f, 255f);
        }
    }

    private static void Accumulate(Span<float> sum, ReadOnlySpan<float> row)
    {
        var sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
        var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] += rows[i];
        }

        for (int i = sums.Length * Vector<float>.Count; i < sum.Length; i++)
        {
            sum[i] += row[i];
        }
    }

    private static int Average(ReadOnlySpan<int> index, Sampling columns, int x)
    {
        int c0 = columns.Start[x], c1 = columns.End[x];
        if (c1 - c0 == 1)
        {
            return index[c0];
        }

        int total = 0;
        for (int c = c0; c < c1; c++)
        {
            total += index[c];
        }

        // A multiplication by the range's 16-bit reciprocal, not a division: this runs for every pixel of a shrunk tile.
        int n = c1 - c0;
        return n < Reciprocals.Length ? (total * Reciprocals[n]) >> 16 : total / n;
    }

    private Sampling SamplingFor(int source, int destination)
    {
        if (!_samplings.TryGetValue((source, destination), out var sampling))
        {
            sampling = new Sampling(source, destination);
            _samplings[(source, destination)] = sampling;
        }

        return sampling;
    }

    private void Ensure(int length)
    {
        if (_sum.Length < length)
        {
            _sum = new float[length];
            _counts = new int[length];
            _index = new int[length];
        }
    }
}
