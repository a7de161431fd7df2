using LiveConv.Engine.Kernels;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests;

/// <summary>The worked examples of the lecture (shared/seed), the first tests of the engine.</summary>
internal static class LectureExamples
{
    public static float[][] ConvInput =>
    [
        [1, 2, 0, 3, 1],
        [1, 0, 0, 2, 2],
        [2, 1, 2, 1, 1],
        [0, 0, 1, 0, 0],
        [1, 2, 1, 1, 1],
    ];

    public static Kernel ConvKernel => Kernel.Create2D("lecture", new float[,] { { -1, 1, 2 }, { 1, 1, 0 }, { -1, -2, 0 } });

    public static float[][] PoolInput =>
    [
        [2, 1, 0, -1],
        [-3, 8, 2, 5],
        [1, -1, 3, 4],
        [0, 1, 1, -2],
    ];

    public static float[][] Rows(Tensor t, int channel = 0) =>
        Enumerable.Range(0, t.Height).Select(y => Enumerable.Range(0, t.Width).Select(x => t[channel, y, x]).ToArray()).ToArray();
}
