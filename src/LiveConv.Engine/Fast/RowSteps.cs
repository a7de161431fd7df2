using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The element-wise steps of a group that run on a band's rows in place, while they are in cache: activations,
/// per-channel scale-shifts and residual adds (which read the same rows of an earlier, materialized output).
/// </summary>
internal sealed unsafe class RowSteps
{
    public static readonly RowSteps Empty = new([]);

    private readonly Step[] _steps;

    public RowSteps(IReadOnlyList<Layer> layers)
    {
        // Consecutive activations become one chain, so a row is read and written once for them.
        var steps = new List<Step>();
        var chain = new List<Activation>();
        foreach (var layer in layers)
        {
            if (layer is Activation a)
            {
                chain.Add(a);
                continue;
            }

            Flush();
            steps.Add(new Step(layer, ActivationChain.Empty));
        }

        Flush();
        _steps = steps.ToArray();

        void Flush()
        {
            if (chain.Count > 0)
            {
                steps.Add(new Step(null, new ActivationChain(chain.ToArray())));
                chain.Clear();
            }
        }
    }

    public bool IsEmpty => _steps.Length == 0;

    /// <summary>Points every add at its source's materialized output (width × height per plane), by layer index.</summary>
    public void BindSources(IReadOnlyDictionary<int, IntPtr> outputs)
    {
        foreach (var step in _steps)
        {
            if (step.Layer is ResidualAdd add)
            {
                step.Source = (float*)outputs[add.From];
            }
        }
    }

    /// <summary>Applies every step to rows [firstRow, firstRow + rowCount) of every channel.</summary>
    /// <param name="rows">Channel 0's first row; channels <paramref name="planeStride"/> and rows <paramref name="rowStride"/> apart.</param>
    /// <param name="firstRow">The rows' index in the full (unbanded) plane of <paramref name="height"/> x <paramref name="width"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(SimdTier tier, float* rows, long planeStride, int rowStride, int channels, int firstRow, int rowCount, int height, int width)
    {
        if (IsEmpty)
        {
            return;
        }

        switch (tier)
        {
            case SimdTier.Vector512:
                Apply<Vector512Ops, Vector512<float>>(rows, planeStride, rowStride, channels, firstRow, rowCount, height, width);
                break;
            case SimdTier.Vector256:
                Apply<Vector256Ops, Vector256<float>>(rows, planeStride, rowStride, channels, firstRow, rowCount, height, width);
                break;
            case SimdTier.Vector128:
                Apply<Vector128Ops, Vector128<float>>(rows, planeStride, rowStride, channels, firstRow, rowCount, height, width);
                break;
            default:
                Apply<ScalarOps, float>(rows, planeStride, rowStride, channels, firstRow, rowCount, height, width);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply<TOps, TVec>(float* rows, long planeStride, int rowStride, int channels, int firstRow, int rowCount, int height, int width)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        long sourcePlane = (long)height * width;
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rowCount; r++)
            {
                float* p = rows + (c * planeStride) + ((long)r * rowStride);
                long sourceRow = (c * sourcePlane) + ((long)(firstRow + r) * width);
                foreach (var step in _steps)
                {
                    switch (step.Layer)
                    {
                        case ScaleShift s:
                            ScaleShiftRow<TOps, TVec>(p, width, s.Scale[c], s.Shift[c]);
                            break;
                        case ResidualAdd:
                            AddRow<TOps, TVec>(p, step.Source + sourceRow, width);
                            break;
                        default:
                            step.Chain.ApplyInPlace<TOps, TVec>(p, width);
                            break;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScaleShiftRow<TOps, TVec>(float* p, int count, float scale, float shift)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        TVec a = TOps.Broadcast(scale), b = TOps.Broadcast(shift);
        int i = 0;
        for (; i <= count - TOps.Count; i += TOps.Count)
        {
            TOps.Store(TOps.MultiplyAdd(TOps.Load(p + i), a, b), p + i);
        }

        for (; i < count; i++)
        {
            p[i] = (p[i] * scale) + shift;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<TOps, TVec>(float* p, float* source, int count)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        int i = 0;
        for (; i <= count - TOps.Count; i += TOps.Count)
        {
            TOps.Store(TOps.Add(TOps.Load(p + i), TOps.Load(source + i)), p + i);
        }

        for (; i < count; i++)
        {
            p[i] += source[i];
        }
    }

    /// <summary>A scale-shift or an add (<see cref="Layer"/>), or a run of activations (<see cref="Chain"/>).</summary>
    private sealed class Step(Layer? layer, ActivationChain chain)
    {
        public Layer? Layer { get; } = layer;

        public ActivationChain Chain { get; } = chain;

        public float* Source { get; set; }
    }
}
