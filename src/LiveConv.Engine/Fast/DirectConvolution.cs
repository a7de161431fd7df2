using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The register-blocked direct convolution: two vectors of output columns (one where registers are short) × two output
/// rows × up to six filters accumulate in registers while each tap loads four input vectors and broadcasts one weight
/// per filter. Bias, the activations and (in the pooled variant) a 2x2/2 max pooling are applied to the accumulators
/// before anything is stored. Column tails compute a full vector (the buffer has slack) and store only the valid lanes.
/// </summary>
internal static unsafe class DirectConvolution
{
    /// <summary>The largest filter block worth keeping in registers at a tier (AVX-512 has 32 vector registers).</summary>
    public static int MaxFilters(SimdTier tier) => tier == SimdTier.Vector512 ? 6 : 4;

    public static void Run(SimdTier tier, bool pooled, in DirectConvJob job)
    {
        switch (tier)
        {
            case SimdTier.Vector512:
                Run<Vector512Ops, Vector512<float>>(pooled, job);
                break;
            case SimdTier.Vector256:
                Run<Vector256Ops, Vector256<float>>(pooled, job);
                break;
            case SimdTier.Vector128:
                Run<Vector128Ops, Vector128<float>>(pooled, job);
                break;
            default:
                Run<ScalarOps, float>(pooled, job);
                break;
        }
    }

    private static void Run<TOps, TVec>(bool pooled, in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        switch (job.FilterCount)
        {
            case 1: Dispatch<TOps, TVec, Count1>(pooled, job); break;
            case 2: Dispatch<TOps, TVec, Count2>(pooled, job); break;
            case 3: Dispatch<TOps, TVec, Count3>(pooled, job); break;
            case 4: Dispatch<TOps, TVec, Count4>(pooled, job); break;
            case 5: Dispatch<TOps, TVec, Count5>(pooled, job); break;
            default: Dispatch<TOps, TVec, Count6>(pooled, job); break;
        }
    }

    private static void Dispatch<TOps, TVec, TF>(bool pooled, in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount
    {
        if (pooled)
        {
            ConvolvePooled<TOps, TVec, TF>(job);
        }
        else
        {
            Convolve<TOps, TVec, TF>(job);
        }
    }

    /// <summary>
    /// Whether two column vectors fit in registers beside the filter block: 4 accumulators per filter, 4 input vectors
    /// and a weight. Twice the work per loaded weight and per loop step, so the FMA units, not the loads, set the pace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Wide<TOps, TVec, TF>()
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount => (4 * TF.Value) + 5 <= TOps.Registers;

    private static void Convolve<TOps, TVec, TF>(in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount
    {
        int v = TOps.Count, stride = job.RowStep;
        float* tail = stackalloc float[16];
        for (int r = 0; r < job.Rows; r += 2)
        {
            float* row = job.Input + (r * stride);
            int x = 0;
            if (Wide<TOps, TVec, TF>())
            {
                for (; x + (2 * v) <= job.Width; x += 2 * v)
                {
                    Accumulate<TOps, TVec, TF, Count2>(row + x, stride, job, out var left, out var right);
                    EmitRows<TOps, TVec, TF>(left, job, r, x, v, tail);
                    EmitRows<TOps, TVec, TF>(right, job, r, x + v, v, tail);
                }
            }

            for (; x < job.Width; x += v)
            {
                Accumulate<TOps, TVec, TF, Count1>(row + x, stride, job, out var acc, out _);
                EmitRows<TOps, TVec, TF>(acc, job, r, x, Math.Min(v, job.Width - x), tail);
            }
        }
    }

    /// <summary>Output rows r and r + 1 of columns [x, x + count), activated; an odd last row is computed (the buffer has a slack row) but not stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitRows<TOps, TVec, TF>(in Accumulators<TVec> acc, in DirectConvJob job, int r, int x, int count, float* tail)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount
    {
        int ds = job.DestRowStride;
        var act = job.Activations;
        bool second = r + 1 < job.Rows;
        for (int f = 0; f < TF.Value; f++)
        {
            float* d = job.Dest[f] + (r * ds) + x;
            Emit<TOps, TVec>(act.Apply<TOps, TVec>(acc.Top(f)), d, count, tail);
            if (second)
            {
                Emit<TOps, TVec>(act.Apply<TOps, TVec>(acc.Bottom(f)), d + ds, count, tail);
            }
        }
    }

    private static void ConvolvePooled<TOps, TVec, TF>(in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount
    {
        int v = TOps.Count, stride = job.RowStep, ds = job.DestRowStride;
        float* tail = stackalloc float[16];
        var act = job.Activations;
        for (int r = 0; r < job.Rows; r++)
        {
            float* row = job.Input + (2 * r * stride);
            for (int x = 0; x < job.Width; x += v)
            {
                // Pooled columns [x, x + v) come from conv columns [2x, 2x + 2v): two vectors, at once where registers allow.
                float* src = row + (2 * x);
                Accumulators<TVec> left, right;
                if (Wide<TOps, TVec, TF>())
                {
                    Accumulate<TOps, TVec, TF, Count2>(src, stride, job, out left, out right);
                }
                else
                {
                    Accumulate<TOps, TVec, TF, Count1>(src, stride, job, out left, out _);
                    Accumulate<TOps, TVec, TF, Count1>(src + v, stride, job, out right, out _);
                }

                int n = Math.Min(v, job.Width - x);
                for (int f = 0; f < TF.Value; f++)
                {
                    var leftMax = TOps.Max(act.Apply<TOps, TVec>(left.Top(f)), act.Apply<TOps, TVec>(left.Bottom(f)));
                    var rightMax = TOps.Max(act.Apply<TOps, TVec>(right.Top(f)), act.Apply<TOps, TVec>(right.Bottom(f)));
                    Emit<TOps, TVec>(TOps.PairMax(leftMax, rightMax), job.Dest[f] + (r * ds) + x, n, tail);
                }
            }
        }
    }

    /// <summary>
    /// Two output rows of <typeparamref name="TC"/> column vectors from <paramref name="src"/> (the second vector's in
    /// <paramref name="right"/>), for every filter of the block, bias first. Too large to inline at two column vectors,
    /// so compiled fully optimized from its first call: a tiered start would run the first frames' hottest loop unoptimized.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate<TOps, TVec, TF, TC>(float* src, int stride, in DirectConvJob job, out Accumulators<TVec> left, out Accumulators<TVec> right)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IBlockCount
        where TC : struct, IBlockCount
    {
        float* b = job.Bias;
        TVec a0 = TOps.Broadcast(b[0]), a1 = TOps.Broadcast(b[1]), a2 = TOps.Broadcast(b[2]);
        TVec a3 = TOps.Broadcast(b[3]), a4 = TOps.Broadcast(b[4]), a5 = TOps.Broadcast(b[5]);
        TVec c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5;
        TVec e0 = a0, e1 = a1, e2 = a2, e3 = a3, e4 = a4, e5 = a5;
        TVec g0 = a0, g1 = a1, g2 = a2, g3 = a3, g4 = a4, g5 = a5;
        float* w = job.Weights;
        nint pair = stride, next = TOps.Count;
        bool two = TC.Value > 1;
        for (int* tap = job.Taps, end = job.Taps + job.TapCount; tap < end; tap++, w += TF.Value)
        {
            float* p = src + *tap;
            TVec x0 = TOps.Load(p), x1 = TOps.Load(p + pair);
            TVec y0 = two ? TOps.Load(p + next) : x0, y1 = two ? TOps.Load(p + pair + next) : x1;
            TVec k = TOps.Broadcast(w[0]);
            a0 = TOps.MultiplyAdd(x0, k, a0);
            c0 = TOps.MultiplyAdd(x1, k, c0);
            if (two)
            {
                e0 = TOps.MultiplyAdd(y0, k, e0);
                g0 = TOps.MultiplyAdd(y1, k, g0);
            }

            if (TF.Value > 1)
            {
                k = TOps.Broadcast(w[1]);
                a1 = TOps.MultiplyAdd(x0, k, a1);
                c1 = TOps.MultiplyAdd(x1, k, c1);
                if (two)
                {
                    e1 = TOps.MultiplyAdd(y0, k, e1);
                    g1 = TOps.MultiplyAdd(y1, k, g1);
                }
            }

            if (TF.Value > 2)
            {
                k = TOps.Broadcast(w[2]);
                a2 = TOps.MultiplyAdd(x0, k, a2);
                c2 = TOps.MultiplyAdd(x1, k, c2);
                if (two)
                {
                    e2 = TOps.MultiplyAdd(y0, k, e2);
                    g2 = TOps.MultiplyAdd(y1, k, g2);
                }
            }

            if (TF.Value > 3)
            {
                k = TOps.Broadcast(w[3]);
                a3 = TOps.MultiplyAdd(x0, k, a3);
                c3 = TOps.MultiplyAdd(x1, k, c3);
                if (two)
                {
                    e3 = TOps.MultiplyAdd(y0, k, e3);
                    g3 = TOps.MultiplyAdd(y1, k, g3);
                }
            }

            if (TF.Value > 4)
            {
                k = TOps.Broadcast(w[4]);
                a4 = TOps.MultiplyAdd(x0, k, a4);
                c4 = TOps.MultiplyAdd(x1, k, c4);
                if (two)
                {
                    e4 = TOps.MultiplyAdd(y0, k, e4);
                    g4 = TOps.MultiplyAdd(y1, k, g4);
                }
            }

            if (TF.Value > 5)
            {
                k = TOps.Broadcast(w[5]);
                a5 = TOps.MultiplyAdd(x0, k, a5);
                c5 = TOps.MultiplyAdd(x1, k, c5);
                if (two)
                {
                    e5 = TOps.MultiplyAdd(y0, k, e5);
                    g5 = TOps.MultiplyAdd(y1, k, g5);
                }
            }
        }

        left = new Accumulators<TVec>(a0, a1, a2, a3, a4, a5, c0, c1, c2, c3, c4, c5);
        right = new Accumulators<TVec>(e0, e1, e2, e3, e4, e5, g0, g1, g2, g3, g4, g5);
    }

    /// <summary>The first <paramref name="count"/> lanes of a vector (all of them, or a tail through <paramref name="tail"/>, 16 floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Emit<TOps, TVec>(TVec value, float* dest, int count, float* tail)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        if (count == TOps.Count)
        {
            TOps.Store(value, dest);
            return;
        }

        TOps.Store(value, tail);
        new Span<float>(tail, count).CopyTo(new Span<float>(dest, count));
    }
}
