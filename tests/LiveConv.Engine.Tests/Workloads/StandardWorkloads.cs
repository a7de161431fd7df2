using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Workloads;

/// <summary>The four workloads the fast engine is measured on (cross-correlation, BGR or gray 8-bit frames).</summary>
public static class StandardWorkloads
{
    /// <summary>W1: 1280x720 BGR, the lecture's four 3x3 detectors (same on every channel), pad 1, ReLU, maxpool 2x2/2.</summary>
    public static Network W1(int width = 1280, int height = 720) => Detectors(width, height);

    /// <summary>W2: 1280x720 BGR, ten seeded random 5x5x3 filters with biases, pad 2, ReLU, maxpool 2x2/2.</summary>
    public static Network W2(int width = 1280, int height = 720, int seed = 2) => SeedLayer(width, height, 5, seed);

    /// <summary>W2's layer with another kernel size: weights and biases U(−1/√fan-in, 1/√fan-in), "same" zero padding.</summary>
    public static Network SeedLayer(int width, int height, int kernelSize, int seed = 2)
    {
        var random = new Random(seed);
        int fanIn = 3 * kernelSize * kernelSize;
        float bound = 1f / MathF.Sqrt(fanIn);
        float Next() => ((float)random.NextDouble() * 2f - 1f) * bound;
        var kernels = Enumerable.Range(0, 10).Select(i =>
            Kernel.Create($"f{i}", 3, kernelSize, kernelSize, Enumerable.Range(0, fanIn).Select(_ => Next()).ToArray(), Next())).ToArray();
        return new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(kernelSize / 2)), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
    }

    /// <summary>W3: W1 at 1920x1080.</summary>
    public static Network W3() => Detectors(1920, 1080);

    /// <summary>W1's layer at any frame size.</summary>
    public static Network Edges(int width, int height) => Detectors(width, height);

    /// <summary>W4: 1920x1080 gray, the vertical line detector, pad 1, no activation, no pooling.</summary>
    public static Network W4(int width = 1920, int height = 1080) =>
        new(new InputSpec(PixelFormat.Gray, InputSpec.DefaultScale, width, height),
            [new Conv2d([KernelLibrary.Get("vertical_line")], padding: Padding.Explicit(1))]);

    /// <summary>The frame format each workload is fed.</summary>
    public static PixelFormat FrameFormat(Network network) => network.Input.Color;

    /// <summary>A seeded random frame for a network, tightly packed, in the network's color order or <paramref name="format"/>.</summary>
    public static byte[] Frame(Network network, int seed = 1, PixelFormat? format = null)
    {
        var bytes = new byte[network.Input.Width * network.Input.Height * (format ?? network.Input.Color).Channels()];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Network Detectors(int width, int height)
    {
        var kernels = new[] { "vertical_line", "horizontal_line", "corner", "corner_180" }.Select(KernelLibrary.Get).ToArray();
        return new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(1)), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
    }
}
