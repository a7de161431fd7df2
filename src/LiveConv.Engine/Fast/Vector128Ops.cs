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
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftIn(Vector128<float> before, Vector128<float> a)
    {
        if (Sse.IsSupported)
        {
            // b3 b3 a0 a0, then its lanes 0 and 2 with a1 a2.
            return Sse.Shuffle(Sse.Shuffle(before, a, 0b00_00_11_11), a, 0b10_01_10_00);
        }

        return Vector128.Create(before[3], a[0], a[1], a[2]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Zip(Vector128<float> a, Vector128<float> b, out Vector128<float> lo, out Vector128<float> hi)
    {
        if (Sse.IsSupported)
        {
            lo = Sse.UnpackLow(a, b);
            hi = Sse.UnpackHigh(a, b);
            return;
        }

        lo = Vector128.Create(a[0], b[0], a[1], b[1]);
        hi = Vector128.Create(a[2], b[2], a[3], b[3]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileColumns(float* row, float* to)
    {
        // A tile is one vector: the four tiles' 4x4 transpose.
        Vector128<float> a = Vector128.Load(row), b = Vector128.Load(row + 4), c = Vector128.Load(row + 8), d = Vector128.Load(row + 12);
        if (Sse.IsSupported)
        {
            Vector128<float> ab0 = Sse.UnpackLow(a, b), cd0 = Sse.UnpackLow(c, d), ab1 = Sse.UnpackHigh(a, b), cd1 = Sse.UnpackHigh(c, d);
            Sse.MoveLowToHigh(ab0, cd0).Store(to);
            Sse.MoveHighToLow(cd0, ab0).Store(to + 4);
            Sse.MoveLowToHigh(ab1, cd1).Store(to + 8);
            Sse.MoveHighToLow(cd1, ab1).Store(to + 12);
        }
        else
        {
            Vector128.Create(a[0], b[0], c[0], d[0]).Store(to);
            Vector128.Create(a[1], b[1], c[1], d[1]).Store(to + 4);
            Vector128.Create(a[2], b[2], c[2], d[2]).Store(to + 8);
            Vector128.Create(a[3], b[3], c[3], d[3]).Store(to + 12);
        }

        // Columns 4 to 6 are the next tile's 0 to 2.
        Vector128<float> next = Vector128.Load(row + 16);
        Vector128.Create(b[0], c[0], d[0], next[0]).Store(to + 16);
        Vector128.Create(b[1], c[1], d[1], next[1]).Store(to + 20);
        Vector128.Create(b[2], c[2], d[2], next[2]).Store(to + 24);
    }
}
