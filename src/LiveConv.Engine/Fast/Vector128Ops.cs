using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveConv.Engine.Fast;

/// <summary>The 128-bit tier: 4 floats.</summary>
internal readonly unsafe struct Vector128Ops : IVectorOps<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static int Registers => 16;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> v, float* p) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float x) => Vector128.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyRelu(Vector128<float> a, Vector128<float> slope) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), a, a * slope);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PairMax(Vector128<float> lo, Vector128<float> hi)
    {
        if (Sse.IsSupported)
        {
            return Vector128.MaxNative(Sse.Shuffle(lo, hi, 0b10_00_10_00), Sse.Shuffle(lo, hi, 0b11_01_11_01));
        }

        return Vector128.Create(
            MathF.Max(lo[0], lo[1]), MathF.Max(lo[2], lo[3]), MathF.Max(hi[0], hi[1]), MathF.Max(hi[2], hi[3]));
    }
}
