using LiveConv.Engine.Kernels;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests;

/// <summary>Small conversions that let tests state expected planes as rows.</summary>
internal static class TensorRows
{
    public static float[][] Rows(Tensor t, int channel = 0) =>
        Enumerable.Range(0, t.Height).Select(y => Enumerable.Range(0, t.Width).Select(x => t[channel, y, x]).ToArray()).ToArray();

    public static Kernel Kernel2D(string name, float[][] rows) =>
        Kernel.Create(name, null, rows.Length, rows[0].Length, rows.SelectMany(r => r).ToArray());
}
