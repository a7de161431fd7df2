using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveConv.Engine.Fast;

/// <summary>The AVX-512 tier: 16 floats.</summary>
internal readonly unsafe struct Vector512Ops : IVectorOps<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static int Registers => 32;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> v, float* p) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyRelu(Vector512<float> a, Vector512<float> slope) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), a, a * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PairMax(Vector512<float> lo, Vector512<float> hi)
    {
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        return Vector512.MaxNative(Avx512F.PermuteVar16x32x2(lo, even, hi), Avx512F.PermuteVar16x32x2(lo, odd, hi));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ShiftIn(Vector512<float> before, Vector512<float> a) => Avx512F.AlignRight32(a.AsUInt32(), before.AsUInt32(), 15).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Zip(Vector512<float> a, Vector512<float> b, out Vector512<float> lo, out Vector512<float> hi)
    {
        lo = Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b);
        hi = Avx512F.PermuteVar16x32x2(a, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileColumns(float* row, float* to)
    {
        // Two rounds of two-source permutes: phases 0|1 and 2|3 of each 32 columns, then each phase of all 64.
        Vector512<float> a = Vector512.Load(row), b = Vector512.Load(row + 16), c = Vector512.Load(row + 32), d = Vector512.Load(row + 48);
        var lowPhases = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        var highPhases = Vector512.Create(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        Vector512<float> ab01 = Avx512F.PermuteVar16x32x2(a, lowPhases, b), ab23 = Avx512F.PermuteVar16x32x2(a, highPhases, b);
        Vector512<float> cd01 = Avx512F.PermuteVar16x32x2(c, lowPhases, d), cd23 = Avx512F.PermuteVar16x32x2(c, highPhases, d);
        var first = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        var second = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        Vector512<float> zero = Avx512F.PermuteVar16x32x2(ab01, first, cd01), one = Avx512F.PermuteVar16x32x2(ab01, second, cd01);
        zero.Store(to);
        one.Store(to + 16);
        Vector512<float> two = Avx512F.PermuteVar16x32x2(ab23, first, cd23);
        two.Store(to + 32);
        Avx512F.PermuteVar16x32x2(ab23, second, cd23).Store(to + 48);

        // Columns 4 to 6 are the next tile's 0 to 2: each shifted down a lane, the next vector's tile coming in on top.
        Vector512<float> next = Vector512.Load(row + 64);
        Avx512F.PermuteVar16x32x2(zero, Vector512.Create(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), next).Store(to + 64);
        Avx512F.PermuteVar16x32x2(one, Vector512.Create(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17), next).Store(to + 80);
        Avx512F.PermuteVar16x32x2(two, Vector512.Create(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18), next).Store(to + 96);
    }
}
