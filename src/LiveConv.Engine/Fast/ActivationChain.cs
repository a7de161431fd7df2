using System.Runtime.CompilerServices;
using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Consecutive activation layers applied as one element-wise step, so a kernel can fuse them into its epilogue.
/// A lone ReLU (the common case) takes a branch-free shortcut.
/// </summary>
internal sealed class ActivationChain
{
    public static readonly ActivationChain Empty = new([]);

    private readonly Activation[] _steps;
    private readonly bool _singleRelu;

    public ActivationChain(IReadOnlyList<Activation> steps)
    {
        _steps = steps.ToArray();
        _singleRelu = _steps is [{ Kind: ActivationKind.Relu }];
    }

    public bool IsEmpty => _steps.Length == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec Apply<TOps, TVec>(TVec v)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        if (_singleRelu)
        {
            return TOps.Max(v, TOps.Zero);
        }

        foreach (var step in _steps)
        {
            v = step.Kind switch
            {
                ActivationKind.Relu => TOps.Max(v, TOps.Zero),
                ActivationKind.LeakyRelu => TOps.LeakyRelu(v, TOps.Broadcast(step.Slope)),
                ActivationKind.Abs => TOps.Abs(v),
                ActivationKind.Clip => TOps.Min(TOps.Max(v, TOps.Broadcast(step.Min)), TOps.Broadcast(step.Max)),
                _ => v,
            };
        }

        return v;
    }

    /// <summary>Applies the chain in place to <paramref name="count"/> contiguous floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void ApplyInPlace<TOps, TVec>(float* p, int count)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        if (IsEmpty)
        {
            return;
        }

        int i = 0;
        for (; i <= count - TOps.Count; i += TOps.Count)
        {
            TOps.Store(Apply<TOps, TVec>(TOps.Load(p + i)), p + i);
        }

        for (; i < count; i++)
        {
            p[i] = Apply<ScalarOps, float>(p[i]);
        }
    }
}
