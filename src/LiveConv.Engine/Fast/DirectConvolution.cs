using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The register-blocked direct convolution: one vector of output columns × two output rows × up to six filters
/// accumulate in registers while each tap loads two input vectors and broadcasts one weight per filter. Bias, the
/// activations and (in the pooled variant) a 2x2/2 max pooling are applied to the accumulators before anything is
/// stored. Column tails compute a full vector (the buffer has slack) and store only the valid lanes.
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
            case 1: Dispatch<TOps, TVec, Filters1>(pooled, job); break;
            case 2: Dispatch<TOps, TVec, Filters2>(pooled, job); break;
            case 3: Dispatch<TOps, TVec, Filters3>(pooled, job); break;
            case 4: Dispatch<TOps, TVec, Filters4>(pooled, job); break;
            case 5: Dispatch<TOps, TVec, Filters5>(pooled, job); break;
            default: Dispatch<TOps, TVec, Filters6>(pooled, job); break;
        }
    }

    private static void Dispatch<TOps, TVec, TF>(bool pooled, in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IFilterCount
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

    private static void Convolve<TOps, TVec, TF>(in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IFilterCount
    {
        int v = TOps.Count, stride = job.RowStep, ds = job.DestRowStride;
        float* tail = stackalloc float[16];
        var act = job.Activations;
        for (int r = 0; r < job.Rows; r += 2)
        {
            // An odd last row still computes its pair (the buffer has a slack row) but stores only the first.
            bool second = r + 1 < job.Rows;
            float* row = job.Input + (r * stride);
            for (int x = 0; x < job.Width; x += v)
            {
                int n = Math.Min(v, job.Width - x);
                Accumulate<TOps, TVec, TF>(row + x, stride, job, out var acc);
                for (int f = 0; f < TF.Value; f++)
                {
                    float* d = job.Dest[f] + (r * ds) + x;
                    Emit<TOps, TVec>(act.Apply<TOps, TVec>(acc.Top(f)), d, n, tail);
                    if (second)
                    {
                        Emit<TOps, TVec>(act.Apply<TOps, TVec>(acc.Bottom(f)), d + ds, n, tail);
                    }
                }
            }
        }
    }

    private static void ConvolvePooled<TOps, TVec, TF>(in DirectConvJob job)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IFilterCount
    {
        int v = TOps.Count, stride = job.RowStep, ds = job.DestRowStride;
        float* tail = stackalloc float[16];
        float* held = stackalloc float[6 * 16];
        var act = job.Activations;
        for (int r = 0; r < job.Rows; r++)
        {
            float* row = job.Input + (2 * r * stride);
            for (int x = 0; x < job.Width; x += v)
            {
                // Pooled columns [x, x + v) come from conv columns [2x, 2x + 2v): two vectors, the first held in L1.
                int n = Math.Min(v, job.Width - x);
                for (int h = 0; h < 2; h++)
                {
                    Accumulate<TOps, TVec, TF>(row + (2 * x) + (h * v), stride, job, out var acc);
                    for (int f = 0; f < TF.Value; f++)
                    {
                        var rowMax = TOps.Max(act.Apply<TOps, TVec>(acc.Top(f)), act.Apply<TOps, TVec>(acc.Bottom(f)));
                        if (h == 0)
                        {
                            TOps.Store(rowMax, held + (f * v));
                        }
                        else
                        {
                            var pooledMax = TOps.PairMax(TOps.Load(held + (f * v)), rowMax);
                            Emit<TOps, TVec>(pooledMax, job.Dest[f] + (r * ds) + x, n, tail);
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TOps, TVec, TF>(float* src, int stride, in DirectConvJob job, out Accumulators<TVec> acc)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
        where TF : struct, IFilterCount
    {
        float* b = job.Bias;
        TVec a0 = TOps.Broadcast(b[0]), a1 = TOps.Broadcast(b[1]), a2 = TOps.Broadcast(b[2]);
        TVec a3 = TOps.Broadcast(b[3]), a4 = TOps.Broadcast(b[4]), a5 = TOps.Broadcast(b[5]);
        TVec c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5;
        float* w = job.Weights;
        nint pair = stride;
        for (int* tap = job.Taps, end = job.Taps + job.TapCount; tap < end; tap++, w += TF.Value)
        {
            float* p = src + *tap;
            TVec x0 = TOps.Load(p), x1 = TOps.Load(p + pair);
            TVec k = TOps.Broadcast(w[0]);
            a0 = TOps.MultiplyAdd(x0, k, a0);
            c0 = TOps.MultiplyAdd(x1, k, c0);
            if (TF.Value > 1)
            {
                k = TOps.Broadcast(w[1]);
                a1 = TOps.MultiplyAdd(x0, k, a1);
                c1 = TOps.MultiplyAdd(x1, k, c1);
            }

            if (TF.Value > 2)
            {
                k = TOps.Broadcast(w[2]);
                a2 = TOps.MultiplyAdd(x0, k, a2);
                c2 = TOps.MultiplyAdd(x1, k, c2);
            }

            if (TF.Value > 3)
            {
                k = TOps.Broadcast(w[3]);
                a3 = TOps.MultiplyAdd(x0, k, a3);
                c3 = TOps.MultiplyAdd(x1, k, c3);
            }

            if (TF.Value > 4)
            {
                k = TOps.Broadcast(w[4]);
                a4 = TOps.MultiplyAdd(x0, k, a4);
                c4 = TOps.MultiplyAdd(x1, k, c4);
            }

            if (TF.Value > 5)
            {
                k = TOps.Broadcast(w[5]);
                a5 = TOps.MultiplyAdd(x0, k, a5);
                c5 = TOps.MultiplyAdd(x1, k, c5);
            }
        }

        acc = new Accumulators<TVec>(a0, a1, a2, a3, a4, a5, c0, c1, c2, c3, c4, c5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit<TOps, TVec>(TVec value, float* dest, int count, float* tail)
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
