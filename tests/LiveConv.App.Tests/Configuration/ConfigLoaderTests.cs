using LiveConv.App.Configuration;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    public static TheoryData<string> ShippedConfigs() => new(ConfigFiles());

    private static string[] ConfigFiles() =>
        Directory.GetFiles(RepoPaths.Configs, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void EveryShippedConfigLoads(string file)
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Configs, file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), config.Name);
        Assert.False(string.IsNullOrWhiteSpace(config.Description));
        Assert.NotEmpty(config.Network.Layers);
    }

    [Fact]
    public void ShippedConfigsAreTheOnesPromised() =>
        Assert.Equal(["classic.json", "color.json", "corners.json", "edges.json", "seed-layer.json", "seed-lines.json", "stack.json", "w1-detectors.json"], ConfigFiles());

    [Fact]
    public void SeedLayerHasTheLecturesSevenHundredSixtyParameters()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Configs, "seed-layer.json"));
        var conv = Assert.IsType<Conv2d>(config.Network.Layers[0]);
        Assert.Equal(10, conv.Filters);
        Assert.All(conv.Kernels, k => Assert.Equal((3, 5, 5), (k.Depth!.Value, k.Height, k.Width)));
        Assert.Equal(760, config.Network.Summarize().Sum(r => r.Cost.Parameters));
        Assert.Equal(75, config.Network.Summarize()[0].Cost.Weights / 10);
    }

    [Fact]
    public void SeedLinesHasTheLecturesDetectors()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Configs, "seed-lines.json"));
        var conv = Assert.IsType<Conv2d>(config.Network.Layers[0]);
        Assert.Equal(KernelLibrary.Get("vertical_line").Weights.ToArray(), conv.Kernels[0].Weights.ToArray());
        Assert.Equal(KernelLibrary.Get("corner").Weights.ToArray(), conv.Kernels[2].Weights.ToArray());
        Assert.Equal(new Shape3(6, 360, 640), config.Network.OutputShape);
    }

    [Fact]
    public void TheSampleLoadsOnAColorInput()
    {
        var config = ConfigLoader.Parse(ConfigLoaderErrorTests.SampleConfig("bgr"), "sample.json");
        Assert.Equal("seed-lines", config.Name);
        Assert.Equal("The lecture's line and corner detectors", config.Description);
        Assert.Equal("sample.json", config.Path);
        Assert.Equal(new InputSpec(PixelFormat.Bgr, 1f / 255f, 1280, 720), config.Network.Input);
        var conv = Assert.IsType<Conv2d>(config.Network.Layers[0]);
        Assert.Equal(["vertical", "horizontal_line", "color"], conv.Kernels.Select(k => k.Name));
        Assert.Null(conv.Kernels[0].Depth);
        Assert.Equal(3, conv.Kernels[2].Depth);
        Assert.Equal(-4f, conv.Kernels[2].Weight(0, 1, 1));
        Assert.Equal(1f, conv.Kernels[2].Weight(1, 1, 1));
        Assert.IsType<Activation>(config.Network.Layers[1]);
        Assert.Equal(new Shape3(3, 360, 640), config.Network.OutputShape);
    }

    [Fact]
    public void DefaultsApplyWhenOmitted()
    {
        var config = ConfigLoader.Parse("""{ "layers": [ { "type": "conv2d", "kernels": [ { "weights": [[1]] } ] } ] }""", "dir/plain.json");
        Assert.Equal("plain", config.Name);
        Assert.Null(config.Description);
        Assert.Equal(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, 1280, 720), config.Network.Input);
        var conv = Assert.IsType<Conv2d>(config.Network.Layers[0]);
        Assert.Equal((Size2.Square(1), Padding.Explicit(0), PaddingMode.Zeros, Size2.Square(1), 1), (conv.Stride, conv.Padding, conv.PaddingMode, conv.Dilation, conv.Groups));
        Assert.Equal("k0", conv.Kernels[0].Name);
    }

    [Fact]
    public void PairsWordsAndOptionalSettingsAreRead()
    {
        var config = ConfigLoader.Parse("""
            {
              // Comments and trailing commas are accepted.
              "input": { "color": "rgb", "width": 64, "height": 32, "scale": 0.5 },
              "layers": [
                { "type": "conv2d", "stride": [1, 2], "padding": [2, 1], "dilation": [2, 1], "paddingMode": "circular", "groups": 3,
                  "kernels": [ { "kernel": "sobel_x", "name": "gx", "bias": 0.25 }, { "kernel": "sobel_y" }, { "kernel": "laplacian" } ] },
                { "type": "leaky_relu", "slope": 0.2 },
                { "type": "conv2d", "padding": "valid", "kernels": [ { "kernel": "identity" } ] },
                { "type": "conv2d", "padding": "same", "kernels": [ { "kernel": "identity" } ] },
                { "type": "abs" },
                { "type": "none" },
                { "type": "avgpool2d", "kernel": [2, 3], "stride": 1, "padding": [1, 1], "ceilMode": true, "countIncludePad": false },
                { "type": "maxpool2d", "kernel": 2 },
              ],
            }
            """, "x.json");
        var layers = config.Network.Layers;
        var conv = Assert.IsType<Conv2d>(layers[0]);
        Assert.Equal(new Size2(1, 2), conv.Stride);
        Assert.Equal(Padding.Explicit(2, 1), conv.Padding);
        Assert.Equal(new Size2(2, 1), conv.Dilation);
        Assert.Equal(PaddingMode.Circular, conv.PaddingMode);
        Assert.Equal(3, conv.Groups);
        Assert.Equal(("gx", 0.25f), (conv.Kernels[0].Name, conv.Kernels[0].Bias));
        Assert.Equal(0.2f, Assert.IsType<Activation>(layers[1]).Slope);
        Assert.Equal(Padding.Valid, Assert.IsType<Conv2d>(layers[2]).Padding);
        Assert.Equal(Padding.Same, Assert.IsType<Conv2d>(layers[3]).Padding);
        Assert.Equal(ActivationKind.Abs, Assert.IsType<Activation>(layers[4]).Kind);
        Assert.Equal(ActivationKind.None, Assert.IsType<Activation>(layers[5]).Kind);
        var avg = Assert.IsType<AvgPool2d>(layers[6]);
        Assert.Equal((new Size2(2, 3), Size2.Square(1), new Borders(1, 1, 1, 1), true, false), (avg.KernelSize, avg.Stride, avg.Padding, avg.CeilMode, avg.CountIncludePad));
        var max = Assert.IsType<MaxPool2d>(layers[7]);
        Assert.Equal(Size2.Square(2), max.Stride);
        Assert.Equal(0.01f, Assert.IsType<Activation>(ConfigLoader.Parse("""{ "layers": [ { "type": "leaky_relu" } ] }""", "y.json").Network.Layers[0]).Slope);
    }

    [Fact]
    public void InputCanBeAdjustedBeforeShapesAreInferred()
    {
        string path = Path.Combine(RepoPaths.Configs, "seed-lines.json");
        var config = ConfigLoader.Load(path, spec => spec with { Width = 64, Height = 48 });
        Assert.Equal(new Shape3(6, 24, 32), config.Network.OutputShape);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, spec => spec with { Width = 1, Height = 1 }));
        Assert.Equal($"{path}: layers[2]: maxpool2d on input 6x1x1: pooling kernel 2x2 is larger than the padded input 1x1", e.Message);
    }
}
