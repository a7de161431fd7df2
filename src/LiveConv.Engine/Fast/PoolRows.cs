using System.Runtime.CompilerServices;
using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// General max/average pooling (any window, stride, padding, ceil mode, count_include_pad) of a band of rows held in
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
        int kh = pool.KernelSize.Height, kw = pool.KernelSize.Width;
        int sh = pool.Stride.Height, sw = pool.Stride.Width, ph = pool.Padding.Height, pw = pool.Padding.Width;
        for (int c = 0; c < channels; c++)
        {
            float* plane = source + ((long)c * planeStride);
            for (int i = firstOutRow; i < firstOutRow + outRows; i++)
            {
                int top = (i * sh) - ph;
                int bottom = Math.Min(top + kh, height + ph);
                int rowFrom = Math.Max(top, 0), rowTo = Math.Min(bottom, height);
                float* d = dest + ((long)c * destPlaneStride) + ((long)(i - firstOutRow) * outWidth);
                for (int j = 0; j < outWidth; j++)
                {
                    int left = (j * sw) - pw;
                    int right = Math.Min(left + kw, width + pw);
                    int colFrom = Math.Max(left, 0), colTo = Math.Min(right, width);
                    float max = float.NegativeInfinity, sum = 0f;
                    for (int row = rowFrom; row < rowTo; row++)
                    {
                        float* s = plane + ((long)(row - firstRow) * rowStride);
                        for (int col = colFrom; col < colTo; col++)
                        {
                            float v = s[col];
                            max = Math.Max(max, v);
                            sum += v;
                        }
                    }

                    int count = countPad ? (bottom - top) * (right - left) : (rowTo - rowFrom) * (colTo - colFrom);
                    d[j] = isMax ? max : sum / count;
                }
            }
        }
    }
}
