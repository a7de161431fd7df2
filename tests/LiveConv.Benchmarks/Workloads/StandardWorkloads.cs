using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Benchmarks.Workloads;

/// <summary>The four standard workloads of the peer comparison, and the size sweeps for the README.</summary>
public static class StandardWorkloads
{
    public static IReadOnlyList<Workload> All() => [W1(), W2(), W3(), W4()];

    /// <summary>1280x720 BGR → the lecture's 4 line/corner detectors on every channel, pad 1, ReLU, maxpool 2x2.</summary>
    public static Workload W1() => Edges("W1", "edges-720p", 1280, 720);

    /// <summary>1280x720 BGR → 10 seeded random 5x5x3 filters with biases, pad 2, ReLU, maxpool 2x2.</summary>
    public static Workload W2() => SeedLayer("W2", "seed-layer-720p", 1280, 720, kernelSize: 5);

    /// <summary>W1 at 1920x1080.</summary>
    public static Workload W3() => Edges("W3", "edges-1080p", 1920, 1080);

    /// <summary>1920x1080 gray → the vertical line detector, pad 1, nothing after.</summary>
    public static Workload W4()
    {
        var net = new Network(
            new InputSpec(PixelFormat.Gray, InputSpec.DefaultScale, 1920, 1080),
            [new Conv2d([KernelLibrary.Get("vertical_line")], padding: Padding.Explicit(1))]);
        return new Workload("W4", "gray-1080p", net, PixelFormat.Gray, Workload.MakeFrame(1920, 1080, PixelFormat.Gray));
    }

    public static Workload Edges(string id, string title, int width, int height)
    {
        var kernels = new[] { "vertical_line", "horizontal_line", "corner", "corner_180" }.Select(KernelLibrary.Get).ToArray();
        var net = new Network(
            new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(1)), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
        return new Workload(id, title, net, PixelFormat.Bgr, Workload.MakeFrame(width, height, PixelFormat.Bgr));
    }

    public static Workload SeedLayer(string id, string title, int width, int height, int kernelSize, int filters = 10, int seed = 42)
    {
        var random = new Random(seed);
        int fanIn = 3 * kernelSize * kernelSize;
        float bound = 1f / MathF.Sqrt(fanIn);
        float Uniform() => ((float)random.NextDouble() * 2f - 1f) * bound;
        var kernels = Enumerable.Range(0, filters)
            .Select(k => Kernel.Create($"f{k}", 3, kernelSize, kernelSize, Enumerable.Range(0, fanIn).Select(_ => Uniform()).ToArray(), Uniform()))
            .ToArray();
        var net = new Network(
            new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, height),
            [new Conv2d(kernels, padding: Padding.Explicit(kernelSize / 2)), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
        return new Workload(id, title, net, PixelFormat.Bgr, Workload.MakeFrame(width, height, PixelFormat.Bgr));
    }

    /// <summary>W1's layer at 360p, 720p, 1080p and 4K.</summary>
    public static IReadOnlyList<Workload> Resolutions() =>
    [
        Edges("R360", "edges-360p", 640, 360), Edges("R720", "edges-720p", 1280, 720),
        Edges("R1080", "edges-1080p", 1920, 1080), Edges("R2160", "edges-4k", 3840, 2160),
    ];

    /// <summary>W2's layer with 3x3, 5x5, 7x7 and 11x11 kernels at 720p.</summary>
    public static IReadOnlyList<Workload> KernelSizes() =>
        [.. new[] { 3, 5, 7, 11 }.Select(k => SeedLayer($"K{k}", $"seed-layer-{k}x{k}-720p", 1280, 720, k))];
}
