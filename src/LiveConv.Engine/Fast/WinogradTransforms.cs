using System.Runtime.CompilerServices;

namespace LiveConv.Engine.Fast;

/// <summary>
/// One of Winograd's minimal filtering algorithms F(4, r) for 4 outputs from α = r + 3 inputs: the input transform Bᵀ
/// and output transform Aᵀ (each hand-written from its matrix, so a transform is a few adds and FMAs) and the filter
/// transform G, which runs once per model in double. Built with Cook and Toom's construction from the points 0, ±1, ±2
/// (and ½ for r = 4) and ∞, each row of Bᵀ scaled to small integers and G the other way.
/// </summary>
internal interface IWinogradTransform
{
    /// <summary>Taps per filter row (r).</summary>
    static abstract int Taps { get; }

    /// <summary>Inputs per tile side (α = r + 3).</summary>
    static abstract int Alpha { get; }

    /// <summary>G[i, j]: α × r.</summary>
    static abstract double G(int i, int j);

    /// <summary>Bᵀ on α values from[0], from[step], ...; to to[0], to[toStep], ....</summary>
    static abstract unsafe void Input<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged;

    /// <summary>Aᵀ on α values from[0], from[step], ...; four to to[0], to[toStep], ....</summary>
    static abstract unsafe void Output<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged;
}

/// <summary>F(4x4, 3x3), Lavin and Gray's matrices: Bᵀ entries up to 5, Aᵀ up to 8.</summary>
internal readonly struct WinogradF43 : IWinogradTransform
{
    private static readonly double[,] GMatrix =
    {
        { 1 / 4.0, 0, 0 },
        { -1 / 6.0, -1 / 6.0, -1 / 6.0 },
        { -1 / 6.0, 1 / 6.0, -1 / 6.0 },
        { 1 / 24.0, 1 / 12.0, 1 / 6.0 },
        { 1 / 24.0, -1 / 12.0, 1 / 6.0 },
        { 0, 0, 1 },
    };

    public static int Taps => 3;

    public static int Alpha => 6;

    public static double G(int i, int j) => GMatrix[i, j];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Input<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec d0 = from[0], d1 = from[step], d2 = from[2 * step], d3 = from[3 * step], d4 = from[4 * step], d5 = from[5 * step];
        TVec four = TOps.Broadcast(4f), minusFour = TOps.Broadcast(-4f), minusFive = TOps.Broadcast(-5f);
        TVec a = TOps.MultiplyAdd(d2, minusFour, d4), b = TOps.MultiplyAdd(d1, minusFour, d3);
        TVec c = TOps.Subtract(d4, d2), e = TOps.Multiply(TOps.Subtract(d3, d1), TOps.Broadcast(2f));
        to[0] = TOps.MultiplyAdd(d0, four, TOps.MultiplyAdd(d2, minusFive, d4));
        to[toStep] = TOps.Add(a, b);
        to[2 * toStep] = TOps.Subtract(a, b);
        to[3 * toStep] = TOps.Add(c, e);
        to[4 * toStep] = TOps.Subtract(c, e);
        to[5 * toStep] = TOps.MultiplyAdd(d1, four, TOps.MultiplyAdd(d3, minusFive, d5));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Output<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec m1 = from[step], m2 = from[2 * step], m3 = from[3 * step], m4 = from[4 * step];
        TVec s12 = TOps.Add(m1, m2), d12 = TOps.Subtract(m1, m2), s34 = TOps.Add(m3, m4), d34 = TOps.Subtract(m3, m4);
        to[0] = TOps.Add(TOps.Add(from[0], s12), s34);
        to[toStep] = TOps.MultiplyAdd(d34, TOps.Broadcast(2f), d12);
        to[2 * toStep] = TOps.MultiplyAdd(s34, TOps.Broadcast(4f), s12);
        to[3 * toStep] = TOps.Add(TOps.MultiplyAdd(d34, TOps.Broadcast(8f), d12), from[5 * step]);
    }
}

/// <summary>F(4x4, 4x4) from the points 0, ±1, ±2, ½, ∞: Bᵀ entries up to 12, Aᵀ up to 8.</summary>
internal readonly struct WinogradF44 : IWinogradTransform
{
    private static readonly double[,] GMatrix =
    {
        { 1 / 4.0, 0, 0, 0 },
        { 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0 },
        { 1 / 18.0, -1 / 18.0, 1 / 18.0, -1 / 18.0 },
        { 1 / 72.0, 1 / 36.0, 1 / 18.0, 1 / 9.0 },
        { 1 / 120.0, -1 / 60.0, 1 / 30.0, -1 / 15.0 },
        { 32 / 45.0, 16 / 45.0, 8 / 45.0, 4 / 45.0 },
        { 0, 0, 0, 1 / 2.0 },
    };

    public static int Taps => 4;

    public static int Alpha => 7;

    public static double G(int i, int j) => GMatrix[i, j];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Input<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec d0 = from[0], d1 = from[step], d2 = from[2 * step], d3 = from[3 * step];
        TVec d4 = from[4 * step], d5 = from[5 * step], d6 = from[6 * step];
        to[0] = Fma<TOps, TVec>(d0, 4, Fma<TOps, TVec>(d1, -8, Fma<TOps, TVec>(d2, -5, Fma<TOps, TVec>(d3, 10, Fma<TOps, TVec>(d5, -2, d4)))));
        to[toStep] = Fma<TOps, TVec>(d1, -4, Fma<TOps, TVec>(d2, 4, Fma<TOps, TVec>(d3, 9, Fma<TOps, TVec>(d4, -1, Times<TOps, TVec>(d5, -2)))));
        to[2 * toStep] = Fma<TOps, TVec>(d1, -4, Fma<TOps, TVec>(d2, 12, Fma<TOps, TVec>(d3, -7, Fma<TOps, TVec>(d4, -3, Times<TOps, TVec>(d5, 2)))));
        to[3 * toStep] = Fma<TOps, TVec>(d1, 2, Fma<TOps, TVec>(d2, -3, Fma<TOps, TVec>(d3, -4, Fma<TOps, TVec>(d4, 3, Times<TOps, TVec>(d5, 2)))));
        to[4 * toStep] = Fma<TOps, TVec>(d1, 2, Fma<TOps, TVec>(d2, -5, Fma<TOps, TVec>(d4, 5, Times<TOps, TVec>(d5, -2))));
        to[5 * toStep] = Fma<TOps, TVec>(d1, 4, Fma<TOps, TVec>(d3, -5, d5));
        to[6 * toStep] = Fma<TOps, TVec>(d1, -4, Fma<TOps, TVec>(d2, 8, Fma<TOps, TVec>(d3, 5, Fma<TOps, TVec>(d4, -10, Fma<TOps, TVec>(d5, -1, Times<TOps, TVec>(d6, 2))))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Output<TOps, TVec>(TVec* from, int step, TVec* to, int toStep)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec m1 = from[step], m2 = from[2 * step], m3 = from[3 * step], m4 = from[4 * step], m5 = from[5 * step];
        TVec s12 = TOps.Add(m1, m2), d12 = TOps.Subtract(m1, m2), s34 = TOps.Add(m3, m4), d34 = TOps.Subtract(m3, m4);
        to[0] = TOps.Add(TOps.Add(TOps.Add(from[0], s12), s34), m5);
        to[toStep] = TOps.MultiplyAdd(m5, TOps.Broadcast(0.5f), TOps.MultiplyAdd(d34, TOps.Broadcast(2f), d12));
        to[2 * toStep] = TOps.MultiplyAdd(m5, TOps.Broadcast(0.25f), TOps.MultiplyAdd(s34, TOps.Broadcast(4f), s12));
        to[3 * toStep] = TOps.Add(TOps.MultiplyAdd(m5, TOps.Broadcast(0.125f), TOps.MultiplyAdd(d34, TOps.Broadcast(8f), d12)), from[6 * step]);
    }

    /// <summary>x·k + rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Fma<TOps, TVec>(TVec x, float k, TVec rest)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged => TOps.MultiplyAdd(x, TOps.Broadcast(k), rest);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Times<TOps, TVec>(TVec x, float k)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged => TOps.Multiply(x, TOps.Broadcast(k));
}
