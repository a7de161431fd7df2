namespace LiveConv.Engine;

/// <summary>The numbers of the lecture's worked examples, as printed on its slides: the specification's first tests and what `liveconv explain` prints.</summary>
public static class LectureExamples
{
    /// <summary>The 5x5 input of "Sin Padding" / "Con Padding" / "2 pasos".</summary>
    public static float[][] ConvInput =>
    [
        [1, 2, 0, 3, 1],
        [1, 0, 0, 2, 2],
        [2, 1, 2, 1, 1],
        [0, 0, 1, 0, 0],
        [1, 2, 1, 1, 1],
    ];

    /// <summary>The 3x3 kernel slid over it.</summary>
    public static float[][] ConvKernel =>
    [
        [-1, 1, 2],
        [1, 1, 0],
        [-1, -2, 0],
    ];

    /// <summary>The 4x4 input of the max and average pooling slides (2x2 windows, stride 2).</summary>
    public static float[][] PoolInput =>
    [
        [2, 1, 0, -1],
        [-3, 8, 2, 5],
        [1, -1, 3, 4],
        [0, 1, 1, -2],
    ];

    /// <summary>The four convolution examples: stride 1 and 2, without and with padding 1.</summary>
    public static IEnumerable<(int Stride, int Padding)> ConvSettings => [(1, 0), (1, 1), (2, 0), (2, 1)];
}
