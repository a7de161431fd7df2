namespace LiveConv.Engine.Fast;

/// <summary>
/// One call of the register-blocked kernel: a block of up to six filters over a band of a padded input buffer
/// (any kernel size, stride, dilation and channel count: the taps are precomputed buffer offsets, and a horizontal
/// stride is already folded into the buffer's column phases).
/// </summary>
internal unsafe struct DirectConvJob
{
    /// <summary>The band's first padded row, at the group's first channel.</summary>
    public float* Input;

    /// <summary>Buffer distance between the inputs of consecutive output rows: the vertical stride times the row stride.</summary>
    public int RowStep;

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
