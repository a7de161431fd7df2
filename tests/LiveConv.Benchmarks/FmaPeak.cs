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

    private static float Chains(long steps) => Vector512.IsHardwareAccelerated ? Chains512(steps) : Chains256(steps);

    private static float Chains512(long steps)
    {
        var k = Vector512.Create(0.999999f);
        var b = Vector512.Create(1e-7f);
        Vector512<float> a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, k, b);
            a1 = Vector512.FusedMultiplyAdd(a1, k, b);
            a2 = Vector512.FusedMultiplyAdd(a2, k, b);
            a3 = Vector512.FusedMultiplyAdd(a3, k, b);
            a4 = Vector512.FusedMultiplyAdd(a4, k, b);
            a5 = Vector512.FusedMultiplyAdd(a5, k, b);
            a6 = Vector512.FusedMultiplyAdd(a6, k, b);
            a7 = Vector512.FusedMultiplyAdd(a7, k, b);
            a8 = Vector512.FusedMultiplyAdd(a8, k, b);
            a9 = Vector512.FusedMultiplyAdd(a9, k, b);
            a10 = Vector512.FusedMultiplyAdd(a10, k, b);
            a11 = Vector512.FusedMultiplyAdd(a11, k, b);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    private static float Chains256(long steps)
    {
        var k = Vector256.Create(0.999999f);
        var b = Vector256.Create(1e-7f);
        Vector256<float> a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, k, b);
            a1 = Vector256.FusedMultiplyAdd(a1, k, b);
            a2 = Vector256.FusedMultiplyAdd(a2, k, b);
            a3 = Vector256.FusedMultiplyAdd(a3, k, b);
            a4 = Vector256.FusedMultiplyAdd(a4, k, b);
            a5 = Vector256.FusedMultiplyAdd(a5, k, b);
            a6 = Vector256.FusedMultiplyAdd(a6, k, b);
            a7 = Vector256.FusedMultiplyAdd(a7, k, b);
            a8 = Vector256.FusedMultiplyAdd(a8, k, b);
            a9 = Vector256.FusedMultiplyAdd(a9, k, b);
            a10 = Vector256.FusedMultiplyAdd(a10, k, b);
            a11 = Vector256.FusedMultiplyAdd(a11, k, b);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }
}
