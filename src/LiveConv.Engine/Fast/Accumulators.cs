using System.Runtime.CompilerServices;

namespace LiveConv.Engine.Fast;

/// <summary>The register block of <see cref="DirectConvolution"/>: up to six filters, two output rows.</summary>
internal readonly struct Accumulators<TVec>(TVec a0, TVec a1, TVec a2, TVec a3, TVec a4, TVec a5, TVec c0, TVec c1, TVec c2, TVec c3, TVec c4, TVec c5)
    where TVec : struct
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec Top(int f) => f switch { 0 => a0, 1 => a1, 2 => a2, 3 => a3, 4 => a4, _ => a5 };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec Bottom(int f) => f switch { 0 => c0, 1 => c1, 2 => c2, 3 => c3, 4 => c4, _ => c5 };
}
