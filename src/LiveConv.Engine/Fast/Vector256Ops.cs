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
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ShiftIn(Vector256<float> before, Vector256<float> a)
    {
        // before's high half and a's low half, then each 128-bit lane of a aligned on it: b7 a0 a1 a2 | a3 a4 a5 a6.
        var middle = Avx.Permute2x128(before, a, 0x21);
        return Avx2.AlignRight(a.AsByte(), middle.AsByte(), 12).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Zip(Vector256<float> a, Vector256<float> b, out Vector256<float> lo, out Vector256<float> hi)
    {
        // Within each 128-bit lane: a0 b0 a1 b1 | a4 b4 a5 b5 and a2 b2 a3 b3 | a6 b6 a7 b7; then the lanes in order.
        Vector256<float> low = Avx.UnpackLow(a, b), high = Avx.UnpackHigh(a, b);
        lo = Avx.Permute2x128(low, high, 0x20);
        hi = Avx.Permute2x128(low, high, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileColumns(float* row, float* to)
    {
        // A tile is one 128-bit lane: a 4x4 transpose in each lane gives tiles 0 2 4 6 | 1 3 5 7, then put in order.
        Vector256<float> a = Avx.LoadVector256(row), b = Avx.LoadVector256(row + 8), c = Avx.LoadVector256(row + 16), d = Avx.LoadVector256(row + 24);
        Vector256<float> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b), cd0 = Avx.UnpackLow(c, d), cd1 = Avx.UnpackHigh(c, d);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        Vector256<float> zero = Avx2.PermuteVar8x32(Avx.Shuffle(ab0, cd0, 0b01_00_01_00), order);
        Vector256<float> one = Avx2.PermuteVar8x32(Avx.Shuffle(ab0, cd0, 0b11_10_11_10), order);
        zero.Store(to);
        one.Store(to + 8);
        Vector256<float> two = Avx2.PermuteVar8x32(Avx.Shuffle(ab1, cd1, 0b01_00_01_00), order);
        two.Store(to + 16);
        Avx2.PermuteVar8x32(Avx.Shuffle(ab1, cd1, 0b11_10_11_10), order).Store(to + 24);

        // Columns 4 to 6 are the next tile's 0 to 2: each shifted down a lane, the next vector's tile coming in on top.
        Vector256<float> next = Avx.LoadVector256(row + 32);
        var down = Vector256.Create(1, 2, 3, 4, 5, 6, 7, 7);
        Avx2.PermuteVar8x32(zero, down).WithElement(7, next.GetElement(0)).Store(to + 32);
        Avx2.PermuteVar8x32(one, down).WithElement(7, next.GetElement(1)).Store(to + 40);
        Avx2.PermuteVar8x32(two, down).WithElement(7, next.GetElement(2)).Store(to + 48);
    }
}
