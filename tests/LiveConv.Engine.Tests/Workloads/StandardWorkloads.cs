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

    /// <summary>
    /// ResNet-18's stem with seeded random weights (the real model's come with the importer): conv 64x3x7x7, stride 2,
    /// pads top/left 3, bottom/right 2, no bias; its BatchNormalization as a scale-shift; ReLU; max pool 3x3, stride 2,
    /// pads top/left 1. BGR frames scaled to [0, 1] (the real model's 0–255 scale and mean come with it), so every
    /// peer, which knows no mean, sees the same input.
    /// </summary>
    public static Network ResNetStem(int width = 1280, int height = 720, int seed = 5) =>
        new(ResNetInput(width, height), StemLayers(new Random(seed)));

    /// <summary>The stem and ResNet-18's first two basic blocks: (conv 3x3 64→64 pad 1 + bias, ReLU, conv 3x3 + bias, add the block's input, ReLU) twice.</summary>
    public static Network ResNetBlocks(int width = 640, int height = 360, int seed = 6)
    {
        var random = new Random(seed);
        var layers = StemLayers(random);
        for (int block = 0; block < 2; block++)
        {
            int blockInput = layers.Count - 1;
            layers.AddRange([RandomConv(random, 64, 64, 3, Padding.Explicit(1), Size2.Square(1), bias: true), new Activation(ActivationKind.Relu),
                RandomConv(random, 64, 64, 3, Padding.Explicit(1), Size2.Square(1), bias: true), new ResidualAdd(blockInput), new Activation(ActivationKind.Relu)]);
        }

        return new Network(ResNetInput(width, height), layers);
    }

    /// <summary>The frame format each workload is fed.</summary>
    public static PixelFormat FrameFormat(Network network) => network.Input.Color;

    /// <summary>A seeded random frame for a network, tightly packed, in the network's color order or <paramref name="format"/>.</summary>
    public static byte[] Frame(Network network, int seed = 1, PixelFormat? format = null)
    {
        var bytes = new byte[network.Input.Width * network.Input.Height * (format ?? network.Input.Color).Channels()];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static InputSpec ResNetInput(int width, int height) => new(PixelFormat.Bgr, InputSpec.DefaultScale, width, height);

    private static List<Layer> StemLayers(Random random)
    {
        var conv = RandomConv(random, 3, 64, 7, Padding.Explicit(new Borders(3, 2, 3, 2)), Size2.Square(2), bias: false);
        var scale = Enumerable.Range(0, 64).Select(_ => 0.5f + random.NextSingle()).ToArray();
        var shift = Enumerable.Range(0, 64).Select(_ => random.NextSingle() - 0.5f).ToArray();
        return [conv, new ScaleShift(scale, shift), new Activation(ActivationKind.Relu),
            new MaxPool2d(Size2.Square(3), Size2.Square(2), new Borders(1, 0, 1, 0), ceilMode: false)];
    }

    /// <summary>Weights U(±1/√fan-in), as PyTorch initializes them, so values stay near the input's scale through a stack.</summary>
    private static Conv2d RandomConv(Random random, int channels, int filters, int size, Padding padding, Size2 stride, bool bias)
    {
        int fanIn = channels * size * size;
        float bound = 1f / MathF.Sqrt(fanIn);
        float Next() => ((random.NextSingle() * 2f) - 1f) * bound;
        var kernels = Enumerable.Range(0, filters)
            .Select(i => Kernel.Create($"f{i}", channels, size, size, Enumerable.Range(0, fanIn).Select(_ => Next()).ToArray(), bias ? Next() : 0f))
            .ToArray();
        return new Conv2d(kernels, stride, padding);
    }

    private static Network Detectors(int width, int height)
    {
        var kernels = new[] { "vertical_line", "horizontal_line", "corner", "corner_180" }.Select(KernelLibrary.Get).ToArray();
        return new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(1)), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
    }
}
