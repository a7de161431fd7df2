using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Scale-shifts right after a convolution, composed into one per-filter y = z·a + b and folded into the filter:
/// (Σ w·x + bias)·a + b = Σ (w·a)·x + (bias·a + b). The kernel then runs a BatchNormalized conv at the cost of a plain one.
/// </summary>
internal sealed class FoldedScaleShift
{
    private readonly float[] _scale;
    private readonly float[] _shift;

    private FoldedScaleShift(float[] scale, float[] shift)
    {
        _scale = scale;
        _shift = shift;
    }

    public static FoldedScaleShift Of(int filters, IReadOnlyList<ScaleShift> steps)
    {
        var scale = Enumerable.Repeat(1f, filters).ToArray();
        var shift = new float[filters];
        foreach (var step in steps)
        {
            for (int k = 0; k < filters; k++)
            {
                scale[k] *= step.Scale[k];
                shift[k] = (shift[k] * step.Scale[k]) + step.Shift[k];
            }
        }

        return new FoldedScaleShift(scale, shift);
    }

    public float Weight(int filter, float weight) => weight * _scale[filter];

    public float Bias(int filter, float bias) => (bias * _scale[filter]) + _shift[filter];
}
