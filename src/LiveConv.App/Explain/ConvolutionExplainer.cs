using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Explain;

/// <summary>
/// Prints one convolution step by step. The output values come from <see cref="ReferenceEngine"/>; the written-out
/// sums only show where each value comes from.
/// </summary>
public static class ConvolutionExplainer
{
    /// <exception cref="ShapeException">The settings are invalid or the kernel does not fit the padded input.</exception>
    /// <param name="stride">Vertical and horizontal: the lecture's stride may differ between the two.</param>
    public static void Explain(TextWriter writer, string title, float[][] input, Kernel kernel, Size2 stride, int padding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(kernel);
        var conv = new Conv2d([kernel], stride, Padding.Explicit(padding));
        var x = Tensor.FromRows(input);
        var y = ReferenceEngine.Forward(conv, x);
        var padded = Pad(input, padding);
        var weights = KernelRows(kernel);

        writer.WriteLine($"== {title} ==");
        writer.WriteLine();
        writer.WriteLine($"Input X ({x.Height}x{x.Width}):");
        MatrixText.Write(writer, input);
        writer.WriteLine();
        if (padding > 0)
        {
            writer.WriteLine($"Padded input X~ ({padded.Length}x{padded[0].Length}, padding {padding} of zeros):");
            MatrixText.Write(writer, padded);
            writer.WriteLine();
        }

        writer.WriteLine($"Kernel K \"{kernel.Name}\" ({kernel.Height}x{kernel.Width}):");
        MatrixText.Write(writer, weights);
        writer.WriteLine();
        string source = padding > 0 ? "X~" : "X";
        writer.WriteLine($"Y(i,j) = Σm Σn {source}(i·{stride.Height} + m, j·{stride.Width} + n) · K(m,n){(kernel.Bias != 0 ? " + b" : "")}");
        for (int i = 0; i < y.Height; i++)
        {
            for (int j = 0; j < y.Width; j++)
            {
                var terms = new List<string>();
                for (int m = 0; m < kernel.Height; m++)
                {
                    for (int n = 0; n < kernel.Width; n++)
                    {
                        terms.Add($"{MatrixText.Format(padded[(i * stride.Height) + m][(j * stride.Width) + n])}·{MatrixText.Format(weights[m][n])}");
                    }
                }

                if (kernel.Bias != 0)
                {
                    terms.Add(MatrixText.Format(kernel.Bias));
                }

                writer.WriteLine($"  ({i},{j}): {string.Join(" + ", terms)} = {MatrixText.Format(y[0, i, j])}");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"Output Y ({y.Height}x{y.Width}):");
        MatrixText.Write(writer, y);
        writer.WriteLine();
        writer.WriteLine($"Output height = {SizeFormula('H', x.Height, kernel.Height, padding, stride.Height)}");
        writer.WriteLine($"Output width  = {SizeFormula('W', x.Width, kernel.Width, padding, stride.Width)}");
        var cost = conv.Cost(x.Shape, y.Shape);
        writer.WriteLine($"Neurons = {y.Height} × {y.Width} × 1 filter = {cost.Neurons}");
        writer.WriteLine();
    }

    /// <summary>The lecture's (H − F + 2P)/S + 1 with the numbers in; the floor shows only when it rounds.</summary>
    public static string SizeFormula(char axis, int size, int kernel, int padding, int stride)
    {
        int span = size - kernel + (2 * padding);
        string fraction = $"({size} − {kernel} + 2·{padding})/{stride}";
        string shown = span % stride == 0 ? fraction : $"⌊{fraction}⌋";
        return $"({axis} − F + 2P)/S + 1 = {shown} + 1 = {(span / stride) + 1}";
    }

    private static float[][] Pad(float[][] input, int padding)
    {
        int h = input.Length, w = input[0].Length;
        var padded = new float[h + (2 * padding)][];
        for (int r = 0; r < padded.Length; r++)
        {
            padded[r] = new float[w + (2 * padding)];
            if (r >= padding && r < padding + h)
            {
                input[r - padding].CopyTo(padded[r], padding);
            }
        }

        return padded;
    }

    private static float[][] KernelRows(Kernel kernel) =>
        Enumerable.Range(0, kernel.Height)
            .Select(m => Enumerable.Range(0, kernel.Width).Select(n => kernel.Weight(0, m, n)).ToArray())
            .ToArray();
}
