using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Explain;

/// <summary>The lecture's parameter counts (75 weights per 5x5 RGB kernel, 760 for ten of them), from the engine's costs.</summary>
public static class DepthExplainer
{
    public static void Explain(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rgb = new Shape3(3, 32, 32);
        var kernel = Kernel.Create("k", 3, 5, 5, new float[3 * 5 * 5]);
        var one = new Conv2d([kernel]);
        var oneCost = one.Cost(rgb, one.OutputShape(rgb));
        var ten = new Conv2d(Enumerable.Repeat(kernel, 10).ToArray());
        var tenOut = ten.OutputShape(rgb);
        var tenCost = ten.Cost(rgb, tenOut);

        writer.WriteLine("== Depth and parameters ==");
        writer.WriteLine();
        writer.WriteLine("A kernel has one slice per input channel: its depth is the input's depth.");
        writer.WriteLine($"One 5x5 kernel on an RGB image: 5 × 5 × 3 = {oneCost.Weights} weights");
        writer.WriteLine(
            $"10 filters of 5x5x3: 10 × {oneCost.Weights} weights + 10 biases = {tenCost.Weights} + {tenCost.Biases} = {tenCost.Parameters} parameters");
        writer.WriteLine(
            $"On a 32x32 RGB image (stride 1, no padding) they give {tenOut.Height} × {tenOut.Width} × 10 = {tenCost.Neurons} neurons");
        writer.WriteLine();
    }
}
