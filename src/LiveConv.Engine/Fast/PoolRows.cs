using System.Runtime.CompilerServices;
using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// General max/average pooling (any window, stride, dilation, padding on each side, ceil mode, count_include_pad) of a band of rows held in
/// a buffer, with the reference's window rules: the window is cut at the far edge of the padding, padding never wins
/// a max, and the divisor counts the padding or not.
/// </summary>
internal static unsafe class PoolRows
{
    /// <param name="source">Row <paramref name="firstRow"/> of channel 0; channels <paramref name="planeStride"/> apart.</param>
    /// <param name="height">The full (unbanded) input height, for the window's edges.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        Pool2d pool, float* source, int rowStride, int planeStride, int firstRow, int height, int width, int channels,
        float* dest, int destPlaneStride, int outWidth, int firstOutRow, int outRows)
    {
        bool isMax = pool is MaxPool2d;
        bool countPad = pool is AvgPool2d { CountIncludePad: true };
        var eff = pool.EffectiveKernel;
        var pad = pool.Padding;
        int sh = pool.Stride.Height, sw = pool.Stride.Width, dh = pool.Dilation.Height, dw = pool.Dilation.Width;
        for (int c = 0; c < channels; c++)
        {
            float* plane = source + ((long)c * planeStride);
            for (int i = firstOutRow; i < firstOutRow + outRows; i++)
            {
                int top = (i * sh) - pad.Top;
                int bottom = Math.Min(top + eff.Height, height + pad.Bottom);
                int rowFrom = FirstTap(top, dh), rowTo = Math.Min(bottom, height);
                float* d = dest + ((long)c * destPlaneStride) + ((long)(i - firstOutRow) * outWidth);
                for (int j = 0; j < outWidth; j++)
                {
                    int left = (j * sw) - pad.Left;
                    int right = Math.Min(left + eff.Width, width + pad.Right);
                    int colFrom = FirstTap(left, dw), colTo = Math.Min(right, width);
                    float max = float.NegativeInfinity, sum = 0f;
                    int count = 0;
                    for (int row = rowFrom; row < rowTo; row += dh)
                    {
                        float* s = plane + ((long)(row - firstRow) * rowStride);
                        for (int col = colFrom; col < colTo; col += dw)
                        {
                            float v = s[col];
                            max = Math.Max(max, v);
                            sum += v;
                            count++;
                        }
                    }

                    d[j] = isMax ? max : sum / (countPad ? (bottom - top) * (right - left) : count);
                }
            }
        }
    }

    /// <summary>The window's first tap inside the plane: start + a whole number of dilation steps, at least 0.</summary>
    private static int FirstTap(int start, int dilation) => start >= 0 ? start : start + ((-start + dilation - 1) / dilation * dilation);
}
