using System.Globalization;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>numpy.allclose's rule, |actual − expected| ≤ atol + rtol·|expected|, with a readable first mismatch.</summary>
public static class Allclose
{
    /// <summary>Null when every element is close, otherwise where and by how much the first one is not.</summary>
    public static string? FirstMismatch(Tensor actual, Tensor expected, float atol, float rtol)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (actual.Shape != expected.Shape)
        {
            return $"shape {actual.Shape}, expected {expected.Shape}";
        }

        var s = actual.Shape;
        for (int i = 0; i < actual.Data.Length; i++)
        {
            float a = actual.Data[i], b = expected.Data[i];

            // Written so that NaN on either side fails.
            if (!(MathF.Abs(a - b) <= atol + (rtol * MathF.Abs(b))))
            {
                int c = i / s.PlaneLength, y = i % s.PlaneLength / s.Width, x = i % s.Width;
                return string.Create(CultureInfo.InvariantCulture,
                    $"at (c {c}, y {y}, x {x}): {a:R}, expected {b:R}, |diff| {MathF.Abs(a - b):G3} > {atol + (rtol * MathF.Abs(b)):G3}");
            }
        }

        return null;
    }

    public static float MaxAbsDiff(Tensor actual, Tensor expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        float max = 0f;
        for (int i = 0; i < actual.Data.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(actual.Data[i] - expected.Data[i]));
        }

        return max;
    }
}
