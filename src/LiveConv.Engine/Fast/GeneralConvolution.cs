using System.Runtime.CompilerServices;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The plain convolution, for when the fast paths are switched off: scalar, over the same padded band buffer and tap
/// offsets as the direct kernel, so it shares the filling, padding and stride handling.
/// </summary>
internal static unsafe class GeneralConvolution
{
    /// <param name="input">The band's first padded row at the filter's group's first channel.</param>
    /// <param name="rowStep">Buffer distance between the inputs of consecutive output rows.</param>
    /// <param name="weights">The filter's weights, one per tap.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        float* input, int rowStep, int* taps, float* weights, int tapCount, float bias,
        int rows, int width, float* dest, int destRowStride, ActivationChain activations)
    {
        for (int r = 0; r < rows; r++)
        {
            float* row = input + ((long)r * rowStep);
            float* d = dest + ((long)r * destRowStride);
            for (int x = 0; x < width; x++)
            {
                float* p = row + x;
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
