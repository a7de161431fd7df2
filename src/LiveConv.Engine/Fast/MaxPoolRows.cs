using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Max pooling without dilation (any window, stride and padding, ceil mode) in passes per output row, each in SIMD
/// over the row: the window's rows are maxed element-wise into one row, then every column's window max is taken
/// there, and each output picks its column (a window cut by the padding takes its columns alone); with stride 2 the
/// whole windows come a vector of outputs at a time from pair maxes instead. ResNet's 3x3/2 stem pooling costs a few
/// vector maxes per output vector instead of nine scalar maxes per output.
/// Same windows as <see cref="PoolRows"/>: padding never wins. Its two stack rows are written before they are read, so
/// they are not cleared first (for the stem at 720p, by count: two rows of 640 floats for each of 1,980 calls, 10 MB a
/// frame).
/// </summary>
[SkipLocalsInit]
internal static unsafe class MaxPoolRows
{
    /// <summary>The widest row the pass keeps on the stack.</summary>
    public const int MaxWidth = 8192;

    public static bool Applies(Pool2d pool, int width) => pool is MaxPool2d && pool.Dilation == Size2.Square(1) && width <= MaxWidth;

    /// <param name="source">Row <paramref name="firstRow"/> of channel 0; channels <paramref name="planeStride"/> apart.</param>
    /// <param name="rowsFrom">The first input row a window may take: 0, or a band's first row when the rows above are pooled elsewhere.</param>
    /// <param name="rowsTo">The end of the rows a window may take: the full (unbanded) input height, or a band's end.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        SimdTier tier, Pool2d pool, float* source, int rowStride, int planeStride, int firstRow, int rowsFrom, int rowsTo, int width, int channels,
        float* dest, int destPlaneStride, int outWidth, int firstOutRow, int outRows)
    {
        switch (tier)
        {
            case SimdTier.Vector512:
                Run<Vector512Ops, Vector512<float>>(pool, source, rowStride, planeStride, firstRow, rowsFrom, rowsTo, width, channels, dest, destPlaneStride, outWidth, firstOutRow, outRows);
                break;
            case SimdTier.Vector256:
                Run<Vector256Ops, Vector256<float>>(pool, source, rowStride, planeStride, firstRow, rowsFrom, rowsTo, width, channels, dest, destPlaneStride, outWidth, firstOutRow, outRows);
                break;
            case SimdTier.Vector128:
                Run<Vector128Ops, Vector128<float>>(pool, source, rowStride, planeStride, firstRow, rowsFrom, rowsTo, width, channels, dest, destPlaneStride, outWidth, firstOutRow, outRows);
                break;
            default:
                Run<ScalarOps, float>(pool, source, rowStride, planeStride, firstRow, rowsFrom, rowsTo, width, channels, dest, destPlaneStride, outWidth, firstOutRow, outRows);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVec>(
        Pool2d pool, float* source, int rowStride, int planeStride, int firstRow, int rowsFrom, int rowsTo, int width, int channels,
        float* dest, int destPlaneStride, int outWidth, int firstOutRow, int outRows)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        float* rowMax = stackalloc float[width];
        float* windowMax = stackalloc float[width];
        int kh = pool.KernelSize.Height, kw = pool.KernelSize.Width, sh = pool.Stride.Height, sw = pool.Stride.Width;
        var pad = pool.Padding;
        bool strideTwo = sw == 2 && kw >= 2;

        // The rows' half of a pooling whose columns are pooled already (TileColumnPool): their max is the output row.
        bool rowsOnly = kw == 1 && sw == 1 && pad.Left == 0 && outWidth <= width;
        for (int c = 0; c < channels; c++)
        {
            float* plane = source + ((long)c * planeStride);
            for (int i = firstOutRow; i < firstOutRow + outRows; i++)
            {
                int top = (i * sh) - pad.Top;
                int rowFrom = Math.Max(top, rowsFrom), rowTo = Math.Min(top + kh, rowsTo);
                float* d = dest + ((long)c * destPlaneStride) + ((long)(i - firstOutRow) * outWidth);
                if (rowsOnly)
                {
                    MaxOfRows<TOps, TVec>(d, plane + ((long)(rowFrom - firstRow) * rowStride), rowStride, rowTo - rowFrom, outWidth);
                    continue;
                }

                MaxOfRows<TOps, TVec>(rowMax, plane + ((long)(rowFrom - firstRow) * rowStride), rowStride, rowTo - rowFrom, width);
                int vectorFrom = 0, vectorTo = 0;
                if (strideTwo)
                {
                    vectorFrom = (pad.Left + 1) / 2;
                    vectorTo = StrideTwoMax<TOps, TVec>(rowMax, d, vectorFrom, width, kw, pad.Left);
                }
                else
                {
                    WindowMax<TOps, TVec>(rowMax, windowMax, width, kw);
                }

                for (int j = 0; j < outWidth; j++)
                {
                    if (j >= vectorFrom && j < vectorTo)
                    {
                        j = vectorTo - 1;
                        continue;
                    }

                    int left = (j * sw) - pad.Left;
                    if (!strideTwo && left >= 0 && left + kw <= width)
                    {
                        d[j] = windowMax[left];
                        continue;
                    }

                    // A window cut by the padding: only its columns inside the row.
                    int colFrom = Math.Max(left, 0), colTo = Math.Min(left + kw, width);
                    float max = rowMax[colFrom];
                    for (int col = colFrom + 1; col < colTo; col++)
                    {
                        max = rowMax[col] > max ? rowMax[col] : max;
                    }

                    d[j] = max;
                }
            }
        }
    }

    /// <summary>
    /// Stride 2: whole windows from output <paramref name="from"/> on, a vector of outputs at a time, straight from the
    /// row: <see cref="IVectorOps{TVec}.PairMax"/> at window offset t gives max(row[left + t], row[left + t + 1]) for
    /// every output, so pairs at t = 0, 2, ... (and kw − 2 for an odd window) cover it. Picking the strided outputs
    /// one by one cost more than the window maxes. Returns the end of the outputs written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StrideTwoMax<TOps, TVec>(float* row, float* dest, int from, int width, int kw, int padLeft)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        // The last lane's window ends at 2(x + v − 1) − padLeft + kw, and its last pair reads no further: the last
        // start whose windows all end inside the row. The outputs after the last whole vector come from one more
        // vector ending there (some computed twice): one at a time they cost more than all the vectors before.
        int v = TOps.Count, x = from, last = ((width + padLeft - kw) / 2) - v + 1;
        for (; x <= last; x += v)
        {
            TOps.Store(StrideTwoWindows<TOps, TVec>(row + (2 * x) - padLeft, kw), dest + x);
        }

        if (last >= from && x < last + v)
        {
            TOps.Store(StrideTwoWindows<TOps, TVec>(row + (2 * last) - padLeft, kw), dest + last);
            x = last + v;
        }

        return x;
    }

    /// <summary>The window maxes of a vector of stride-2 outputs, the first window starting at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec StrideTwoWindows<TOps, TVec>(float* p, int kw)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        int v = TOps.Count;
        var max = TOps.PairMax(TOps.Load(p), TOps.Load(p + v));
        for (int t = 2; t <= kw - 2; t += 2)
        {
            max = TOps.Max(max, TOps.PairMax(TOps.Load(p + t), TOps.Load(p + t + v)));
        }

        if (kw % 2 == 1)
        {
            max = TOps.Max(max, TOps.PairMax(TOps.Load(p + kw - 2), TOps.Load(p + kw - 2 + v)));
        }

        return max;
    }

    /// <summary>windowMax[x] = max(row[x .. x + kw)) for every whole window, in SIMD: the strided outputs then only pick.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WindowMax<TOps, TVec>(float* row, float* windowMax, int width, int kw)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        int last = width - kw;
        int x = 0;
        for (; x <= last - TOps.Count + 1; x += TOps.Count)
        {
            var max = TOps.Load(row + x);
            for (int t = 1; t < kw; t++)
            {
                max = TOps.Max(max, TOps.Load(row + x + t));
            }

            TOps.Store(max, windowMax + x);
        }

        for (; x <= last; x++)
        {
            float max = row[x];
            for (int t = 1; t < kw; t++)
            {
                max = row[x + t] > max ? row[x + t] : max;
            }

            windowMax[x] = max;
        }
    }

    /// <summary>
    /// into[x] = the max of column x over <paramref name="rows"/> rows from <paramref name="first"/>, in one pass (a copy
    /// of the first row, then a max pass per further row, moved the row through L1 once per window row).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaxOfRows<TOps, TVec>(float* into, float* first, int rowStride, int rows, int width)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        int x = 0;
        for (; x <= width - TOps.Count; x += TOps.Count)
        {
            var max = TOps.Load(first + x);
            for (int r = 1; r < rows; r++)
            {
                max = TOps.Max(max, TOps.Load(first + ((long)r * rowStride) + x));
            }

            TOps.Store(max, into + x);
        }

        for (; x < width; x++)
        {
            float max = first[x];
            for (int r = 1; r < rows; r++)
            {
                float value = first[((long)r * rowStride) + x];
                max = value > max ? value : max;
            }

            into[x] = max;
        }
    }

    /// <summary>into[x] = max(into[x], row[x]) for x &lt; width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxInto(SimdTier tier, float* into, float* row, int width)
    {
        switch (tier)
        {
            case SimdTier.Vector512:
                MaxInto<Vector512Ops, Vector512<float>>(into, row, width);
                break;
            case SimdTier.Vector256:
                MaxInto<Vector256Ops, Vector256<float>>(into, row, width);
                break;
            case SimdTier.Vector128:
                MaxInto<Vector128Ops, Vector128<float>>(into, row, width);
                break;
            default:
                MaxInto<ScalarOps, float>(into, row, width);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaxInto<TOps, TVec>(float* into, float* row, int width)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        int x = 0;
        for (; x <= width - TOps.Count; x += TOps.Count)
        {
            TOps.Store(TOps.Max(TOps.Load(into + x), TOps.Load(row + x)), into + x);
        }

        for (; x < width; x++)
        {
            into[x] = row[x] > into[x] ? row[x] : into[x];
        }
    }
}
