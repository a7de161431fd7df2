using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Explain;

/// <summary>Prints the lecture's pooling example: each window and what max or average makes of it, by the engine.</summary>
public static class PoolingExplainer
{
    public static void Explain(TextWriter writer, float[][] input, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var x = Tensor.FromRows(input);
        Pool2d[] pools = [new MaxPool2d(Size2.Square(size), Size2.Square(stride)), new AvgPool2d(Size2.Square(size), Size2.Square(stride))];
        foreach (var pool in pools)
        {
            bool isMax = pool is MaxPool2d;
            var y = ReferenceEngine.Forward(pool, x);
            writer.WriteLine($"== {(isMax ? "Max" : "Average")} pooling {size}x{size}, stride {stride} ==");
            writer.WriteLine();
            writer.WriteLine($"Input ({x.Height}x{x.Width}):");
            MatrixText.Write(writer, input);
            writer.WriteLine();
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    var window = new List<string>();
                    for (int m = 0; m < size; m++)
                    {
                        for (int n = 0; n < size; n++)
                        {
                            window.Add(MatrixText.Format(input[(i * stride) + m][(j * stride) + n]));
                        }
                    }

                    string how = isMax ? $"max({string.Join(", ", window)})" : $"({string.Join(" + ", window)})/{window.Count}";
                    writer.WriteLine($"  ({i},{j}): {how} = {MatrixText.Format(y[0, i, j])}");
                }
            }

            writer.WriteLine();
            writer.WriteLine($"Output ({y.Height}x{y.Width}):");
            MatrixText.Write(writer, y);
            writer.WriteLine();
            writer.WriteLine($"Output size = {ConvolutionExplainer.SizeFormula('H', x.Height, size, 0, stride)}; pooling has no parameters");
            writer.WriteLine();
        }
    }
}
