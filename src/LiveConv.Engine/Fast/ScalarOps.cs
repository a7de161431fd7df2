using System.Runtime.CompilerServices;

namespace LiveConv.Engine.Fast;

/// <summary>The scalar tier: one float, the same kernels without SIMD (also what DOTNET_EnableHWIntrinsic=0 gets).</summary>
internal readonly unsafe struct ScalarOps : IVectorOps<float>
{
    public static int Count => 1;

    public static int Registers => 16;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* p) => *p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float v, float* p) => *p = v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => a > b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float a) => MathF.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyRelu(float a, float slope) => a > 0f ? a : a * slope;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PairMax(float lo, float hi) => lo > hi ? lo : hi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ShiftIn(float before, float a) => before;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Zip(float a, float b, out float lo, out float hi)
    {
        lo = a;
        hi = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileColumns(float* row, float* to)
    {
        for (int s = 0; s < 7; s++)
        {
            to[s] = row[s];
        }
    }
}
