namespace LiveConv.Video.Tests.Corpus;

/// <summary>
/// A frame in 16 numbers: the mean gray level of each cell of a 4x4 grid. Coarse enough that two decoders' colour
/// conversions (OpenCV's bundled FFmpeg 7.1 and the system's ffmpeg) agree within a level or two, fine enough that the
/// test pattern's moving parts tell frames apart.
/// </summary>
internal sealed record Signature(double[] Cells)
{
    public const int Grid = 4;

    public static Signature Of(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        var sums = new double[Grid * Grid];
        var counts = new int[Grid * Grid];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = (y * width + x) * channels;
                double gray = channels == 1 ? pixels[at] : 0.114 * pixels[at] + 0.587 * pixels[at + 1] + 0.299 * pixels[at + 2];
                int cell = (y * Grid / height * Grid) + (x * Grid / width);
                sums[cell] += gray;
                counts[cell]++;
            }
        }

        return new Signature([.. sums.Select((s, i) => s / Math.Max(1, counts[i]))]);
    }

    /// <summary>The largest difference between two cells' levels.</summary>
    public double Distance(Signature other) => Cells.Zip(other.Cells, (a, b) => Math.Abs(a - b)).Max();
}
