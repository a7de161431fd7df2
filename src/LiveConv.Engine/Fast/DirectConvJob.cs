namespace LiveConv.Engine.Fast;

/// <summary>
/// One call of the register-blocked kernel: a block of up to six filters over a band of a padded input buffer
/// (stride 1, any kernel size, dilation and channel count: the taps are precomputed buffer offsets).
/// </summary>
internal unsafe struct DirectConvJob
{
    /// <summary>The band's first padded row, at the group's first channel.</summary>
    public float* Input;

    public int InputRowStride;

    /// <summary>Buffer offset of each (channel, row, column) tap.</summary>
    public int* Taps;

    public int TapCount;

    /// <summary>[tap][filter], <see cref="FilterCount"/> weights per tap.</summary>
    public float* Weights;

    /// <summary>At least six values; those past <see cref="FilterCount"/> are unused.</summary>
    public float* Bias;

    public int FilterCount;

    /// <summary>Output rows and columns (after pooling, for the pooled kernel).</summary>
    public int Rows;

    public int Width;

    /// <summary>Each filter's first output row.</summary>
    public float** Dest;

    public int DestRowStride;

    public ActivationChain Activations;
}
