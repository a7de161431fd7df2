using System.Runtime.Intrinsics;

namespace LiveConv.Engine.Fast;

/// <summary>The vector width the fast kernels run at: the widest the runtime accelerates, or a narrower one on request.</summary>
public enum SimdTier
{
    /// <summary>One float at a time (DOTNET_EnableHWIntrinsic=0).</summary>
    Scalar,

    /// <summary>Vector128: SSE (DOTNET_EnableAVX2=0 or DOTNET_EnableAVX=0).</summary>
    Vector128,

    /// <summary>Vector256: AVX2 + FMA (DOTNET_EnableAVX512=0 on .NET 10).</summary>
    Vector256,

    /// <summary>Vector512: AVX-512.</summary>
    Vector512,
}

public static class SimdTiers
{
    /// <summary>The widest tier the runtime accelerates in this process.</summary>
    public static SimdTier Best =>
        Vector512.IsHardwareAccelerated ? SimdTier.Vector512
        : Vector256.IsHardwareAccelerated ? SimdTier.Vector256
        : Vector128.IsHardwareAccelerated ? SimdTier.Vector128
        : SimdTier.Scalar;

    /// <summary>Floats per vector at a tier.</summary>
    public static int Lanes(this SimdTier tier) => tier switch
    {
        SimdTier.Vector512 => 16,
        SimdTier.Vector256 => 8,
        SimdTier.Vector128 => 4,
        _ => 1,
    };
}
