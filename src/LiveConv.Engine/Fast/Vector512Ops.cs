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
}
