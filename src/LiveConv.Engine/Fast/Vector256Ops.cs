using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveConv.Engine.Fast;

/// <summary>The AVX2 tier: 8 floats (the runtime only accelerates Vector256 with AVX2).</summary>
internal readonly unsafe struct Vector256Ops : IVectorOps<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static int Registers => 16;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> v, float* p) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> a, Vector256<float> slope) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), a, a * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PairMax(Vector256<float> lo, Vector256<float> hi)
    {
        // Within each 128-bit lane: [lo pairs | hi pairs]; then reorder the 64-bit halves to lo0 lo1 hi0 hi1.
        var max = Vector256.MaxNative(Avx.Shuffle(lo, hi, 0b10_00_10_00), Avx.Shuffle(lo, hi, 0b11_01_11_01));
        return Avx2.Permute4x64(max.AsDouble(), 0b11_01_10_00).AsSingle();
    }
}
