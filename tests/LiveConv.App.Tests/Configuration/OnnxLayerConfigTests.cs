using LiveConv.App.Configuration;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Configuration;

/// <summary>The config format of the layers and settings ONNX models bring (issue 12): what loads, and each mistake's message.</summary>
public sealed class OnnxLayerConfigTests
{
    private const string File = "configs/x.json";

    /// <summary>Every new layer and setting once: a ResNet-like stem and block on a small BGR frame (also a fuzzing source).</summary>
    public const string Sample = """
        {
          "input": { "color": "bgr", "width": 32, "height": 24, "scale": 1, "mean": [104, 117, 123], "std": [58, 57, 59] },
          "layers": [
            { "type": "pad", "padding": 1, "mode": "constant", "value": 0.5 },
            { "type": "conv2d", "stride": 2, "padding": { "top": 3, "bottom": 2, "left": 3, "right": 2 },
              "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobel_y" } ] },
            { "type": "scale_shift", "scale": [0.5, 2], "shift": [0, -1] },
            { "type": "relu" },
            { "type": "maxpool2d", "kernel": 3, "stride": 2, "padding": { "top": 1, "left": 1 }, "dilation": 1 },
            { "type": "clip", "min": 0, "max": 6 },
            { "type": "add", "from": 4 },
            { "type": "relu6" },
            { "type": "pad", "padding": [1, 2], "mode": "reflect" },
            { "type": "add", "from": 8 }
          ]
        }
        """;

    [Fact]
    public void Sample_LoadsEveryLayerWithItsSettings()
    {
        var network = ConfigLoader.Parse(Sample, File).Network;
        var layers = network.Layers;

        Assert.Equal([104f, 117, 123], network.Input.Mean);
        Assert.Equal([58f, 57, 59], network.Input.Std);
        Assert.Equal((new Borders(1, 1, 1, 1), PadMode.Constant, 0.5f), Assert.IsType<Pad2d>(layers[0]) is var p0 ? (p0.Borders, p0.Mode, p0.Value) : default);
        Assert.Equal(Padding.Explicit(new Borders(3, 2, 3, 2)), Assert.IsType<Conv2d>(layers[1]).Padding);
        Assert.Equal([0.5f, 2], Assert.IsType<ScaleShift>(layers[2]).Scale);
        Assert.Equal(new Borders(1, 0, 1, 0), Assert.IsType<MaxPool2d>(layers[4]).Padding);
        Assert.Equal((ActivationKind.Clip, 0f, 6f), Assert.IsType<Activation>(layers[5]) is var c ? (c.Kind, c.Min, c.Max) : default);
        Assert.Equal(4, Assert.IsType<ResidualAdd>(layers[6]).From);
        Assert.Equal((0f, 6f), Assert.IsType<Activation>(layers[7]) is var r6 ? (r6.Min, r6.Max) : default);
        Assert.Equal(PadMode.Reflect, Assert.IsType<Pad2d>(layers[8]).Mode);
        Assert.Equal(new Shape3(2, 9, 13), network.Shapes[8]);
    }

    [Fact]
    public void Add_FromInput_AndMaxPoolDilation_Load()
    {
        var network = ConfigLoader.Parse(Net("""{ "type": "maxpool2d", "kernel": [2, 1], "stride": 1, "dilation": [2, 1], "padding": { "top": 1, "bottom": 1 } }""",
            """{ "type": "add", "from": "input" }"""), File).Network;

        Assert.Equal(new Size2(2, 1), Assert.IsType<MaxPool2d>(network.Layers[0]).Dilation);
        Assert.Equal(ResidualAdd.NetworkInput, Assert.IsType<ResidualAdd>(network.Layers[1]).From);
    }

    [Theory]
    [InlineData("""{ "type": "relu" }, { "type": "add", "from": 1 }""", "layers[1].from: expected an earlier layer's index (0 to 0) or \"input\", got 1")]
    [InlineData("""{ "type": "add", "from": 0 }""", "layers[0].from: the first layer has no earlier layer to add: use \"input\", got 0")]
    [InlineData("""{ "type": "add", "from": "layer0" }""", "layers[0].from: expected an earlier layer's index or \"input\", got the string \"layer0\"")]
    [InlineData("""{ "type": "add" }""", "layers[0].from: missing required property: expected an earlier layer's index or \"input\"")]
    [InlineData("""{ "type": "maxpool2d", "kernel": 2 }, { "type": "add", "from": "input" }""",
        "layers[1].from: add on input 1x24x32: the input is 1x48x64, which cannot be added to 1x24x32")]
    [InlineData("""{ "type": "relu" }, { "type": "maxpool2d", "kernel": 2 }, { "type": "add", "from": 0 }""",
        "layers[2].from: add on input 1x24x32: layer 0's output is 1x48x64, which cannot be added to 1x24x32")]
    [InlineData("""{ "type": "scale_shift", "scale": [1, 2], "shift": [0] }""", "layers[0].scale: expected 1 number (one per input channel), got 2")]
    [InlineData("""{ "type": "scale_shift", "scale": [1] }""", "layers[0].shift: missing required property: expected an array of 1 numbers (one per input channel)")]
    [InlineData("""{ "type": "pad", "padding": 1, "mode": "reflect", "value": 3 }""", "layers[0].value: a value is only used by mode \"constant\", not \"reflect\"")]
    [InlineData("""{ "type": "pad", "padding": 1, "mode": "wrap" }""", "layers[0].mode: unknown pad mode \"wrap\"; expected one of: constant, reflect, edge")]
    [InlineData("""{ "type": "pad", "padding": { "top": 1, "botom": 2 } }""", "layers[0].padding.botom: unknown property; known properties here: top, bottom, left, right")]
    [InlineData("""{ "type": "pad", "padding": { "left": -1 } }""", "layers[0].padding.left: a padding must not be negative, got -1")]
    [InlineData("""{ "type": "clip", "min": 1, "max": 0 }""", "layers[0].max: must not be less than min (1), got 0")]
    [InlineData("""{ "type": "maxpool2d", "kernel": 3, "padding": { "top": 2 } }""", "layers[0].padding: padding (top 2, bottom 0, left 0, right 0) must be at most half the pooling size 3")]
    [InlineData("""{ "type": "avgpool2d", "kernel": 2, "dilation": 2 }""", "layers[0].dilation: unknown property; known properties here: type, kernel, stride, padding, ceilMode, countIncludePad")]
    public void LayerMistakes_NameThePathAndWhatIsExpected(string layers, string message) =>
        Assert.Equal($"{File}: {message}", Error(Net(layers)));

    [Theory]
    [InlineData("\"mean\": [0.5, 0.5]", "input.mean: expected 3 numbers (one per bgr channel), got 2")]
    [InlineData("\"std\": [0.2, 0, 0.2]", "input.std[1]: a std must be positive, got 0")]
    [InlineData("\"mean\": 0.5", "input.mean: expected an array of 3 numbers (one per bgr channel), got the number 0.5")]
    public void InputNormalizationMistakes_NameThePath(string property, string message) =>
        Assert.Equal($"{File}: {message}", Error($$"""{ "input": { "color": "bgr", {{property}} }, "layers": [ { "type": "relu" } ] }"""));

    private static string Net(params string[] layers) => ConfigLoaderErrorTests.Net(layers);

    private static string Error(string json) => ConfigLoaderErrorTests.Error(json);
}
