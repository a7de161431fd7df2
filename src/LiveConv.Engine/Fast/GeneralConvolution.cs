namespace LiveConv.Engine.Fast;

/// <summary>
/// The convolution for every case the direct kernel does not take (strides other than 1, and the fast paths switched
/// off): scalar, over the same padded band buffer and tap offsets, so it shares the filling and padding code.
/// </summary>
internal static unsafe class GeneralConvolution
{
    /// <param name="input">The band's first padded row at the filter's group's first channel.</param>
    /// <param name="weights">The filter's weights, one per tap.</param>
    public static void Run(
        float* input, int inputRowStride, int* taps, float* weights, int tapCount, float bias,
        int rowStride, int columnStride, int rows, int width, float* dest, int destRowStride, ActivationChain activations)
    {
        for (int r = 0; r < rows; r++)
        {
            float* row = input + ((long)r * rowStride * inputRowStride);
            float* d = dest + ((long)r * destRowStride);
            for (int x = 0; x < width; x++)
            {
                float* p = row + (x * columnStride);
                float z = bias;
                for (int t = 0; t < tapCount; t++)
                {
                    z += p[taps[t]] * weights[t];
                }

                d[x] = activations.Apply<ScalarOps, float>(z);
            }
        }
    }
}
