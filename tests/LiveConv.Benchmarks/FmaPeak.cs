using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace LiveConv.Benchmarks;

/// <summary>
/// The fp32 FMA rate this machine gives now, on a number of threads: each runs twelve independent chains of vector FMAs
/// (enough to cover the latency on two FMA ports) for about 100 ms (shorter runs read low: the clock has not risen yet); the best of three tries. Printed beside the stated
/// <see cref="MachineBounds"/>, whose figure the VM's host can beat or miss from one day to the next.
/// </summary>
public static class FmaPeak
{
    private const long Steps = 40_000_000;

    public static double MeasureGflops(int threads)
    {
        double best = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                Chains(Steps);
            })).ToArray();
            foreach (var w in workers)
            {
                w.Start();
            }

            start.SignalAndWait();
            long t0 = Stopwatch.GetTimestamp();
            foreach (var w in workers)
            {
                w.Join();
            }

            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            best = Math.Max(best, threads * Steps * 12.0 * 2 * Lanes / seconds / 1e9);
        }

        return best;
    }

    private static int Lanes => Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;

    private static float Chains(long steps) =>
        Vector512.IsHardwareAccelerated ? Chains<Wide, Vector512<float>>(steps) : Chains<Narrow, Vector256<float>>(steps);

    private static float Chains<TOps, TVec>(long steps)
        where TOps : struct, IFma<TVec>
        where TVec : struct
    {
        var k = TOps.Create(0.999999f);
        var b = TOps.Create(1e-7f);
        TVec a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
        for (long i = 0; i < steps; i++)
        {
            a0 = TOps.Fma(a0, k, b);
            a1 = TOps.Fma(a1, k, b);
            a2 = TOps.Fma(a2, k, b);
            a3 = TOps.Fma(a3, k, b);
            a4 = TOps.Fma(a4, k, b);
            a5 = TOps.Fma(a5, k, b);
            a6 = TOps.Fma(a6, k, b);
            a7 = TOps.Fma(a7, k, b);
            a8 = TOps.Fma(a8, k, b);
            a9 = TOps.Fma(a9, k, b);
            a10 = TOps.Fma(a10, k, b);
            a11 = TOps.Fma(a11, k, b);
        }

        // The chains' results are used, so the loop is not dropped.
        return TOps.First(a0) + TOps.First(a1) + TOps.First(a2) + TOps.First(a3) + TOps.First(a4) + TOps.First(a5)
            + TOps.First(a6) + TOps.First(a7) + TOps.First(a8) + TOps.First(a9) + TOps.First(a10) + TOps.First(a11);
    }

    /// <summary>The three operations the chains need, per vector width (the engine's own vector ops are internal to it).</summary>
    private interface IFma<TVec>
        where TVec : struct
    {
        static abstract TVec Create(float x);

        static abstract TVec Fma(TVec a, TVec b, TVec c);

        static abstract float First(TVec v);
    }

    private readonly struct Wide : IFma<Vector512<float>>
    {
        public static Vector512<float> Create(float x) => Vector512.Create(x);

        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

        public static float First(Vector512<float> v) => v.ToScalar();
    }

    private readonly struct Narrow : IFma<Vector256<float>>
    {
        public static Vector256<float> Create(float x) => Vector256.Create(x);

        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

        public static float First(Vector256<float> v) => v.ToScalar();
    }
}
