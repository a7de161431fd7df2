using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Configuration;

/// <summary>A written config loads back into the same network: every layer kind and setting, every weight bit for bit.</summary>
public sealed class ConfigWriterTests
{
    [Fact]
    public void EveryLayerKind_RoundTripsThroughTheLoader()
    {
        var network = EveryKind();

        string json = ConfigWriter.Write("all-kinds", "every \"layer\" kind, ü", network);
        var loaded = ConfigLoader.Parse(json, "all-kinds.json");

        Assert.Equal("all-kinds", loaded.Name);
        Assert.Equal("every \"layer\" kind, ü", loaded.Description);
        Assert.Equal(network.Input, loaded.Network.Input with { Mean = network.Input.Mean, Std = network.Input.Std });
        Assert.Equal(network.Input.Mean, loaded.Network.Input.Mean);
        Assert.Equal(network.Input.Std, loaded.Network.Input.Std);
        Assert.Equal(network.Layers.Select(l => l.Describe()), loaded.Network.Layers.Select(l => l.Describe()));
        Assert.Equal(network.Shapes, loaded.Network.Shapes);
        foreach (var (written, read) in network.Layers.OfType<Conv2d>().Zip(loaded.Network.Layers.OfType<Conv2d>()))
        {
            Assert.Equal(written.Borders, read.Borders);
            foreach (var (a, b) in written.Kernels.Zip(read.Kernels))
            {
                Assert.Equal((a.Name, a.Depth, a.Bias), (b.Name, b.Depth, b.Bias));
                Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
            }
        }

        // Writing what was read gives the same text: nothing is lost or reordered.
        Assert.Equal(json, ConfigWriter.Write(loaded.Name, loaded.Description, loaded.Network));
    }

    private static Network EveryKind()
    {
        var random = new Random(3);
        float Next() => (random.NextSingle() * 2) - 1;
        Kernel Kernel3D(string name, int depth, int h, int w) =>
            Kernel.Create(name, depth, h, w, Enumerable.Range(0, depth * h * w).Select(_ => Next() / 3).ToArray(), Next());
        var layers = new Layer[]
        {
            new Conv2d([Kernel3D("a", 3, 3, 3), Kernel3D("b", 3, 3, 3), Kernel3D("c", 3, 3, 3), Kernel3D("d", 3, 3, 3)], new Size2(2, 1), Padding.Explicit(new Borders(1, 2, 0, 1)), dilation: new Size2(1, 2)),
            Activation.Clip(-0.5f, 0.75f),
            new Conv2d([Kernel3D("g0", 2, 3, 3), Kernel3D("g1", 2, 3, 3)], padding: Padding.Same, paddingMode: PaddingMode.Reflect, groups: 2),
            new Activation(ActivationKind.LeakyRelu, 0.2f),
            new ScaleShift([1.5f, -2f], [0.1f, 1e-7f]),
            new Pad2d(new Borders(1, 0, 2, 3), PadMode.Constant, -0.25f),
            new Pad2d(new Borders(1, 1, 1, 1), PadMode.Edge),
            new MaxPool2d(new Size2(2, 3), new Size2(2, 2), new Borders(1, 0, 1, 1), ceilMode: true, dilation: new Size2(1, 2)),
            new Conv2d([Kernel.Create2D("k2d", new float[,] { { 1, -1 }, { 0.5f, 0.25f } })], padding: Padding.Valid),
            new Activation(ActivationKind.Relu),
            new AvgPool2d(new Size2(2, 2), new Size2(1, 1), new Borders(0, 1, 1, 0), ceilMode: false, countIncludePad: false),
            new Activation(ActivationKind.Abs),
            new ResidualAdd(9),
            new Activation(ActivationKind.None),
        };
        var input = new InputSpec(PixelFormat.Rgb, 0.5f, 17, 13) { Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };
        return new Network(input, layers);
    }
}
