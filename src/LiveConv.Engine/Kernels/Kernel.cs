namespace LiveConv.Engine.Kernels;

/// <summary>
/// One filter of a convolution: named weights and a bias. A 2D kernel (<see cref="Depth"/> null) is applied
/// to every input channel and summed, the lecture's "three 3x3 kernels stacked"; a 3D kernel has one slice
/// per input channel of its group. Immutable: the weights are copied in and exposed read-only.
/// </summary>
public sealed class Kernel
{
    private readonly float[] _weights;

    private Kernel(string name, int? depth, int height, int width, float[] weights, float bias)
    {
        Name = name;
        Depth = depth;
        Height = height;
        Width = width;
        _weights = weights;
        Bias = bias;
    }

    public string Name { get; }

    /// <summary>Null for a 2D kernel broadcast over the input channels.</summary>
    public int? Depth { get; }

    public int Height { get; }

    public int Width { get; }

    public float Bias { get; }

    /// <summary>Row-major weights: [kh][kw] for 2D, [depth][kh][kw] for 3D.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    public static Kernel Create2D(string name, float[,] weights, float bias = 0f)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int h = weights.GetLength(0), w = weights.GetLength(1);
        var data = new float[h * w];
        for (int m = 0; m < h; m++)
        {
            for (int n = 0; n < w; n++)
            {
                data[(m * w) + n] = weights[m, n];
            }
        }

        return Create(name, null, h, w, data, bias);
    }

    public static Kernel Create(string name, int? depth, int height, int width, ReadOnlySpan<float> weights, float bias = 0f)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (height <= 0 || width <= 0 || depth <= 0)
        {
            throw new ArgumentException($"Kernel '{name}' needs positive sizes, got {depth?.ToString() ?? "2D"} {height}x{width}.");
        }

        int expected = (depth ?? 1) * height * width;
        if (weights.Length != expected)
        {
            throw new ArgumentException($"Kernel '{name}' of size {height}x{width} needs {expected} weights, got {weights.Length}.");
        }

        foreach (float v in weights)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"Kernel '{name}' has a weight that is not a finite number.");
            }
        }

        if (!float.IsFinite(bias))
        {
            throw new ArgumentException($"Kernel '{name}' has a bias that is not a finite number.");
        }

        return new Kernel(name, depth, height, width, weights.ToArray(), bias);
    }

    /// <summary>The weight seen by input channel <paramref name="c"/> (within the group) at row m, column n.</summary>
    public float Weight(int c, int m, int n) =>
        Depth is null ? _weights[(m * Width) + n] : _weights[(((c * Height) + m) * Width) + n];

    public Kernel WithName(string name) => Create(name, Depth, Height, Width, _weights, Bias);

    public Kernel WithBias(float bias) => Create(Name, Depth, Height, Width, _weights, bias);
}
