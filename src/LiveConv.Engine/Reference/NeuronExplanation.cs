using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Reference;

/// <summary>
/// One neuron of a convolution with today's numbers: z = b + Σ X̃·W over its window, then a = σ(z). The arrays are
/// [channel, row, column] of the window, in the kernel's layout; <see cref="Products"/> is their element-wise product.
/// </summary>
/// <param name="Layer">Index of the convolution in the network.</param>
/// <param name="Top">The window's first input row (negative or past the edge where it covers padding).</param>
/// <param name="Left">The window's first input column.</param>
/// <param name="Activation">The activation right after the convolution, or null when none follows.</param>
public sealed record NeuronExplanation(
    int Layer, int Filter, int Row, int Column, int Top, int Left, int Height, int Width,
    float[,,] Inputs, float[,,] Weights, float[,,] Products, float Sum, float Bias, float Z,
    Activation? Activation, float A);
