using System.Runtime.CompilerServices;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Winograd's point products, M = Σc U·V at one point: up to six filters by up to four vectors of tiles accumulate in
/// registers (AVX-512: 24 accumulators) while each channel loads the tiles' vectors once and broadcasts one weight per
/// filter; every accumulator is stored once, after the last channel.
/// </summary>
internal static unsafe class WinogradProducts
{
    /// <param name="x">The chunk's transformed tiles at one point, [channel][tile], channels <paramref name="chunk"/> floats apart.</param>
    /// <param name="u">The block's transformed weights at that point, [channel][filter].</param>
    /// <param name="m">The first filter's first vector of products at that point; filters <paramref name="filterStride"/> and vectors <paramref name="vectorStride"/> floats apart.</param>
    /// <param name="vectors">Vectors of tiles: 1 to 4.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec>(float* x, float* u, int channels, int chunk, float* m, long filterStride, int vectorStride, int filters, int vectors)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        switch (filters)
        {
            case 1: Run<TOps, TVec, Count1>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
            case 2: Run<TOps, TVec, Count2>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
            case 3: Run<TOps, TVec, Count3>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
            case 4: Run<TOps, TVec, Count4>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
            case 5: Run<TOps, TVec, Count5>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
            default: Run<TOps, TVec, Count6>(x, u, channels, chunk, m, filterStride, vectorStride, vectors); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TOps, TVec, TF>(float* x, float* u, int channels, int chunk, float* m, long filterStride, int vectorStride, int vectors)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TF : struct, IBlockCount
    {
        switch (vectors)
        {
            case 1: Products<TOps, TVec, TF, Count1>(x, u, channels, chunk, m, filterStride, vectorStride); break;
            case 2: Products<TOps, TVec, TF, Count2>(x, u, channels, chunk, m, filterStride, vectorStride); break;
            case 3: Products<TOps, TVec, TF, Count3>(x, u, channels, chunk, m, filterStride, vectorStride); break;
            default: Products<TOps, TVec, TF, Count4>(x, u, channels, chunk, m, filterStride, vectorStride); break;
        }
    }

    /// <summary>
    /// M = Σc U·V for up to six filters and four vectors of tiles, in registers: per channel, the tiles' four loads and
    /// a broadcast weight per filter, then every accumulator stored once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Products<TOps, TVec, TF, TC>(float* x, float* u, int channels, int chunk, float* m, long filterStride, int vectorStride)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TF : struct, IBlockCount
        where TC : struct, IBlockCount
    {
        int v = TOps.Count;
        TVec a0 = TOps.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        TVec b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0;
        TVec c0 = a0, c1 = a0, c2 = a0, c3 = a0, c4 = a0, c5 = a0;
        TVec d0 = a0, d1 = a0, d2 = a0, d3 = a0, d4 = a0, d5 = a0;
        for (float* end = x + ((long)channels * chunk); x < end; x += chunk, u += TF.Value)
        {
            TVec x0 = TOps.Load(x);
            TVec x1 = TC.Value > 1 ? TOps.Load(x + v) : x0;
            TVec x2 = TC.Value > 2 ? TOps.Load(x + (2 * v)) : x0;
            TVec x3 = TC.Value > 3 ? TOps.Load(x + (3 * v)) : x0;
            Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[0]), ref a0, ref b0, ref c0, ref d0);
            if (TF.Value > 1)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[1]), ref a1, ref b1, ref c1, ref d1);
            }

            if (TF.Value > 2)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[2]), ref a2, ref b2, ref c2, ref d2);
            }

            if (TF.Value > 3)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[3]), ref a3, ref b3, ref c3, ref d3);
            }

            if (TF.Value > 4)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[4]), ref a4, ref b4, ref c4, ref d4);
            }

            if (TF.Value > 5)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[5]), ref a5, ref b5, ref c5, ref d5);
            }
        }

        Put<TOps, TVec, TC>(m, vectorStride, a0, b0, c0, d0);
        if (TF.Value > 1)
        {
            Put<TOps, TVec, TC>(m + filterStride, vectorStride, a1, b1, c1, d1);
        }

        if (TF.Value > 2)
        {
            Put<TOps, TVec, TC>(m + (2 * filterStride), vectorStride, a2, b2, c2, d2);
        }

        if (TF.Value > 3)
        {
            Put<TOps, TVec, TC>(m + (3 * filterStride), vectorStride, a3, b3, c3, d3);
        }

        if (TF.Value > 4)
        {
            Put<TOps, TVec, TC>(m + (4 * filterStride), vectorStride, a4, b4, c4, d4);
        }

        if (TF.Value > 5)
        {
            Put<TOps, TVec, TC>(m + (5 * filterStride), vectorStride, a5, b5, c5, d5);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TOps, TVec, TC>(TVec x0, TVec x1, TVec x2, TVec x3, TVec k, ref TVec a, ref TVec b, ref TVec c, ref TVec d)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TC : struct, IBlockCount
    {
        a = TOps.MultiplyAdd(x0, k, a);
        if (TC.Value > 1)
        {
            b = TOps.MultiplyAdd(x1, k, b);
        }

        if (TC.Value > 2)
        {
            c = TOps.MultiplyAdd(x2, k, c);
        }

        if (TC.Value > 3)
        {
            d = TOps.MultiplyAdd(x3, k, d);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TOps, TVec, TC>(float* m, int stride, TVec a, TVec b, TVec c, TVec d)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TC : struct, IBlockCount
    {
        TOps.Store(a, m);
        if (TC.Value > 1)
        {
            TOps.Store(b, m + stride);
        }

        if (TC.Value > 2)
        {
            TOps.Store(c, m + (2 * stride));
        }

        if (TC.Value > 3)
        {
            TOps.Store(d, m + (3 * stride));
        }
    }
}
