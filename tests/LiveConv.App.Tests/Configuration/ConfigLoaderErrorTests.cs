using LiveConv.App.Configuration;

namespace LiveConv.App.Tests.Configuration;

/// <summary>One test per kind of user mistake: the message names the file, the JSON path and what was expected.</summary>
public sealed class ConfigLoaderErrorTests
{
    private const string File = "configs/x.json";

    private const string Conv = """{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x" } ] }""";

    [Fact]
    public void BadSyntaxGivesLineAndColumn()
    {
        string message = Error("{\n  \"layers\": [\n    { \"type\": \"relu\" \n  ]\n}");
        Assert.StartsWith($"{File}: line 4, column 3: invalid JSON: ", message);
    }

    [Fact]
    public void TruncatedFileIsASyntaxError() =>
        Assert.StartsWith($"{File}: line 1, column ", Error("""{ "layers": [ """));

    [Fact]
    public void RootMustBeAnObject() =>
        Assert.Equal($"{File}: $: expected a LiveConv config (an object), got an array", Error("[]"));

    [Fact]
    public void WrongTypeForStride() =>
        Assert.Equal($"{File}: layers[0].stride: expected an integer or [height, width], got the string \"1\"",
            Error(Net("""{ "type": "conv2d", "stride": "1", "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void WrongTypeForInputWidth() =>
        Assert.Equal($"{File}: input.width: expected an integer, got true", Error($$"""{ "input": { "width": true }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void FractionalInteger() =>
        Assert.Equal($"{File}: input.height: expected an integer, got 7.5", Error($$"""{ "input": { "height": 7.5 }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void WrongTypeForName() =>
        Assert.Equal($"{File}: name: expected a string, got the number 5", Error($$"""{ "name": 5, "layers": [{{Conv}}] }"""));

    [Fact]
    public void WrongTypeForLayers() =>
        Assert.Equal($"{File}: layers: expected an array of layers, got an object", Error("""{ "layers": {} }"""));

    [Fact]
    public void LayerMustBeAnObject() =>
        Assert.Equal($"{File}: layers[0]: expected a layer (an object with a \"type\"), got the string \"relu\"", Error("""{ "layers": ["relu"] }"""));

    [Fact]
    public void WrongTypeForCeilMode() =>
        Assert.Equal($"{File}: layers[1].ceilMode: expected true or false, got the number 1",
            Error(Net(Conv, """{ "type": "maxpool2d", "kernel": 2, "ceilMode": 1 }""")));

    [Fact]
    public void UnknownLayerTypeListsTheKnownOnes() =>
        Assert.Equal(
            $"{File}: layers[1].type: unknown layer type \"rleu\"; known types: conv2d, relu, leaky_relu, abs, none, clip, relu6, maxpool2d, avgpool2d, scale_shift, pad, add",
            Error(Net(Conv, """{ "type": "rleu" }""")));

    [Fact]
    public void UnknownKernelNameListsTheLibrary()
    {
        string message = Error(Net("""{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobelx" } ] }"""));
        Assert.StartsWith($"{File}: layers[0].kernels[1].kernel: unknown kernel \"sobelx\"; the library has: vertical_line, horizontal_line, ", message);
        Assert.Contains("sobel_x", message, StringComparison.Ordinal);
        Assert.Contains("emboss", message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsOfDifferentLengths() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[2].weights: rows have 3, 3, 2 values; every row must have the same length",
            Error(Net("""
                { "type": "conv2d", "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobel_y" },
                  { "weights": [[1, 2, 3], [4, 5, 6], [7, 8]] } ] }
                """)));

    [Fact]
    public void RaggedRowsInsideA3DSlice() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights[1]: rows have 2, 1 values; every row must have the same length",
            Error(Color("""{ "type": "conv2d", "kernels": [ { "weights": [ [[1, 2], [3, 4]], [[1, 2], [3]], [[1, 2], [3, 4]] ] } ] }""")));

    [Fact]
    public void SlicesOfDifferentSizes() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights: every slice of a 3D kernel must have one size; the slices are 2x2, 2x2, 1x2",
            Error(Color("""{ "type": "conv2d", "kernels": [ { "weights": [ [[1, 2], [3, 4]], [[1, 2], [3, 4]], [[1, 2]] ] } ] }""")));

    [Fact]
    public void KernelsOfDifferentSizesInOneLayer() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[1].weights: kernel is 2x2 but the first kernel is 3x3; all kernels of a layer must have one size",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x" }, { "weights": [[1, 2], [3, 4]] } ] }""")));

    [Fact]
    public void MixedNumbersAndRowsInWeights() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights[1]: expected a row (an array of numbers), got the number 3",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "weights": [[1, 2], 3] } ] }""")));

    [Fact]
    public void DepthNotMatchingGrayInput()
    {
        // The task's sample: a 3D "color" kernel of depth 3 cannot read a 1-channel gray input.
        string message = Error(SampleConfig("gray"));
        Assert.Equal(
            $"{File}: layers[0].kernels[2].weights: kernel depth is 3 but each filter sees 1 input channel; a 3D kernel needs one slice per channel",
            message);
    }

    [Fact]
    public void DepthOfTwoOnAColorInput() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights: kernel depth is 2 but each filter sees 3 input channels; a 3D kernel needs one slice per channel",
            Error(Color("""{ "type": "conv2d", "kernels": [ { "weights": [ [[1]], [[2]] ] } ] }""")));

    [Fact]
    public void DepthNotMatchingGroups() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights: kernel depth is 3 but each filter sees 1 input channel (3 channels in 3 groups); a 3D kernel needs one slice per channel",
            Error(Color("""
                { "type": "conv2d", "groups": 3, "kernels": [ { "weights": [ [[1]], [[2]], [[3]] ] }, { "kernel": "identity" }, { "kernel": "identity" } ] }
                """)));

    [Fact]
    public void DepthAfterAnEarlierConvCountsItsFilters() =>
        Assert.Equal(
            $"{File}: layers[2].kernels[0].weights: kernel depth is 1 but each filter sees 2 input channels; a 3D kernel needs one slice per channel",
            Error(Net(
                """{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobel_y" } ] }""",
                """{ "type": "relu" }""",
                """{ "type": "conv2d", "kernels": [ { "weights": [ [[1]] ] } ] }""")));

    [Fact]
    public void NaNStringIsRejected() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].bias: expected a number, got the string \"NaN\" (NaN and Infinity are not allowed)",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x", "bias": "NaN" } ] }""")));

    [Fact]
    public void InfinityStringInWeightsIsRejected() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights[0][1]: expected a number, got the string \"Infinity\" (NaN and Infinity are not allowed)",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "weights": [[1, "Infinity"]] } ] }""")));

    [Fact]
    public void HugeNumberIsRejected() =>
        Assert.Equal(
            $"{File}: layers[0].kernels[0].weights[1][0]: the number 1e999 is out of range for a 32-bit float",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "weights": [[1], [1e999]] } ] }""")));

    [Fact]
    public void NumberBeyondFloatIsRejected() =>
        Assert.Equal(
            $"{File}: layers[1].slope: the number -1e39 is out of range for a 32-bit float",
            Error(Net(Conv, """{ "type": "leaky_relu", "slope": -1e39 }""")));

    // Issue 6: NaN and Infinity written as bare JSON tokens, not strings: a syntax error at their place.
    [Theory]
    [InlineData("NaN", 66, "'N' is an invalid start of a value.")]
    [InlineData("-Infinity", 67, "'I' is invalid within a number")]
    public void BareNaNOrInfinityIsASyntaxErrorAtItsPlace(string token, int column, string why) =>
        Assert.StartsWith($"{File}: line 1, column {column}: invalid JSON: {why}",
            Error($$"""{ "layers": [ { "type": "conv2d", "kernels": [ { "weights": [[1, {{token}}]] } ] } ] }"""));

    [Fact]
    public void NegativeDilation() =>
        Assert.Equal($"{File}: layers[0].dilation: a dilation must be positive, got -1",
            Error(Net("""{ "type": "conv2d", "dilation": -1, "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void MaxPoolingSizeZero() =>
        Assert.Equal($"{File}: layers[1].kernel: a pooling size must be positive, got 0",
            Error(Net(Conv, """{ "type": "maxpool2d", "kernel": 0 }""")));

    [Fact]
    public void StrideZero() =>
        Assert.Equal($"{File}: layers[0].stride: a stride must be positive, got 0",
            Error(Net("""{ "type": "conv2d", "stride": 0, "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void NegativeStrideInAPair() =>
        Assert.Equal($"{File}: layers[0].stride[0]: a stride must be positive, got -2",
            Error(Net("""{ "type": "conv2d", "stride": [-2, 1], "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void DilationZero() =>
        Assert.Equal($"{File}: layers[0].dilation[1]: a dilation must be positive, got 0",
            Error(Net("""{ "type": "conv2d", "dilation": [1, 0], "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void PairWithThreeValues() =>
        Assert.Equal($"{File}: layers[0].dilation: expected [height, width], got an array of 3 values",
            Error(Net("""{ "type": "conv2d", "dilation": [1, 1, 1], "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void NegativePadding() =>
        Assert.Equal($"{File}: layers[0].padding: a padding must not be negative, got -1",
            Error(Net("""{ "type": "conv2d", "padding": -1, "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void UnknownPaddingWord() =>
        Assert.Equal($"{File}: layers[0].padding: expected an integer, [height, width], {{\"top\", \"bottom\", \"left\", \"right\"}}, \"same\" or \"valid\", got the string \"full\"",
            Error(Net("""{ "type": "conv2d", "padding": "full", "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void SameWithStrideTwo() =>
        Assert.Equal($"{File}: layers[0].padding: \"same\" needs stride 1, got stride 2",
            Error(Net("""{ "type": "conv2d", "stride": 2, "padding": "same", "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void KernelLargerThanThePaddedInput() =>
        Assert.Equal($"{File}: layers[0]: conv2d on input 1x2x2: kernel 3x3 is larger than the padded input 2x2",
            Error("""{ "input": { "color": "gray", "width": 2, "height": 2 }, "layers": [ { "type": "conv2d", "kernels": [ { "kernel": "sobel_x" } ] } ] }"""));

    [Fact]
    public void KernelLargerThanADeeperLayersInput() =>
        Assert.Equal($"{File}: layers[2]: conv2d on input 1x2x2: kernel 3x3 is larger than the padded input 2x2",
            Error("""
                { "input": { "color": "gray", "width": 4, "height": 4 },
                  "layers": [ { "type": "maxpool2d", "kernel": 2 }, { "type": "relu" }, { "type": "conv2d", "kernels": [ { "kernel": "sobel_x" } ] } ] }
                """));

    [Fact]
    public void GroupsNotDividingChannels() =>
        Assert.Equal($"{File}: layers[0].groups: 2 does not divide the 3 input channels",
            Error(Color("""{ "type": "conv2d", "groups": 2, "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobel_y" } ] }""")));

    [Fact]
    public void GroupsNotDividingFilters() =>
        Assert.Equal($"{File}: layers[0].groups: 3 does not divide the 4 kernels",
            Error(Color("""
                { "type": "conv2d", "groups": 3, "kernels": [ { "kernel": "sobel_x" }, { "kernel": "sobel_y" }, { "kernel": "laplacian" }, { "kernel": "identity" } ] }
                """)));

    [Fact]
    public void PoolingSizeZero() =>
        Assert.Equal($"{File}: layers[1].kernel: a pooling size must be positive, got 0",
            Error(Net(Conv, """{ "type": "avgpool2d", "kernel": 0 }""")));

    [Fact]
    public void PoolingPaddingOverHalfTheWindow() =>
        Assert.Equal($"{File}: layers[1].padding: padding 2 must be at most half the pooling size 2",
            Error(Net(Conv, """{ "type": "maxpool2d", "kernel": 2, "padding": 2 }""")));

    [Fact]
    public void ReflectPaddingWiderThanTheInput() =>
        Assert.Equal(
            $"{File}: layers[0]: conv2d on input 1x3x3: reflect padding 3 needs an input wider and taller than the padding, got 3x3",
            Error("""
                { "input": { "color": "gray", "width": 3, "height": 3 },
                  "layers": [ { "type": "conv2d", "padding": 3, "paddingMode": "reflect", "kernels": [ { "kernel": "sobel_x" } ] } ] }
                """));

    [Fact]
    public void UnknownPaddingMode() =>
        Assert.Equal($"{File}: layers[0].paddingMode: unknown padding mode \"mirror\"; expected one of: zeros, reflect, replicate, circular",
            Error(Net("""{ "type": "conv2d", "paddingMode": "mirror", "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void UnknownColor() =>
        Assert.Equal($"{File}: input.color: unknown color \"rgba\"; expected one of: gray, bgr, rgb",
            Error($$"""{ "input": { "color": "rgba" }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void NonPositiveScale() =>
        Assert.Equal($"{File}: input.scale: must be positive, got 0", Error($$"""{ "input": { "scale": 0 }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void OversizedInput() =>
        Assert.Equal($"{File}: input.width: must be at most 65536, got 100000",
            Error($$"""{ "input": { "width": 100000 }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void UnknownRootPropertyListsTheKnownOnes() =>
        Assert.Equal($"{File}: layer: unknown property; known properties here: $schema, name, description, input, layers",
            Error("""{ "layer": [] }"""));

    [Fact]
    public void UnknownLayerPropertyCatchesTypos() =>
        Assert.Equal($"{File}: layers[0].strid: unknown property; known properties here: type, stride, padding, paddingMode, dilation, groups, kernels",
            Error(Net("""{ "type": "conv2d", "strid": 2, "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void UnknownKernelProperty() =>
        Assert.Equal($"{File}: layers[0].kernels[0].wieghts: unknown property; known properties here: name, kernel, weights, bias",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "wieghts": [[1]] } ] }""")));

    [Fact]
    public void UnknownInputProperty() =>
        Assert.Equal($"{File}: input.colour: unknown property; known properties here: color, scale, width, height, mean, std",
            Error($$"""{ "input": { "colour": "gray" }, "layers": [{{Conv}}] }"""));

    [Fact]
    public void PropertyOfAnotherLayerType() =>
        Assert.Equal($"{File}: layers[1].countIncludePad: unknown property; known properties here: type, kernel, stride, padding, dilation, ceilMode",
            Error(Net(Conv, """{ "type": "maxpool2d", "kernel": 2, "countIncludePad": false }""")));

    [Fact]
    public void DuplicateProperty() =>
        Assert.Equal($"{File}: layers[0].stride: the property appears twice",
            Error(Net("""{ "type": "conv2d", "stride": 1, "stride": 2, "kernels": [ { "kernel": "sobel_x" } ] }""")));

    [Fact]
    public void MissingLayers() =>
        Assert.Equal($"{File}: layers: missing required property: expected an array of layers", Error("""{ "name": "x" }"""));

    [Fact]
    public void EmptyLayers() =>
        Assert.Equal($"{File}: layers: expected at least one layer, got an empty array", Error("""{ "layers": [] }"""));

    [Fact]
    public void MissingType() =>
        Assert.Equal($"{File}: layers[0].type: missing required property: expected one of conv2d, relu, leaky_relu, abs, none, clip, relu6, maxpool2d, avgpool2d, scale_shift, pad, add",
            Error("""{ "layers": [ { "kernel": 2 } ] }"""));

    [Fact]
    public void MissingKernels() =>
        Assert.Equal($"{File}: layers[0].kernels: missing required property: expected an array of kernels", Error(Net("""{ "type": "conv2d" }""")));

    [Fact]
    public void EmptyKernels() =>
        Assert.Equal($"{File}: layers[0].kernels: expected at least one kernel, got an empty array", Error(Net("""{ "type": "conv2d", "kernels": [] }""")));

    [Fact]
    public void MissingPoolingKernel() =>
        Assert.Equal($"{File}: layers[1].kernel: missing required property: expected the pooling size (an integer or [height, width])",
            Error(Net(Conv, """{ "type": "maxpool2d", "stride": 2 }""")));

    [Fact]
    public void KernelWithNeitherNameNorWeights() =>
        Assert.Equal($"{File}: layers[0].kernels[0]: expected \"kernel\" (a built-in name) or \"weights\" (rows of numbers)",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "name": "k", "bias": 1 } ] }""")));

    [Fact]
    public void KernelWithBothNameAndWeights() =>
        Assert.Equal($"{File}: layers[0].kernels[0]: give either \"kernel\" (a built-in name) or \"weights\", not both",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "kernel": "sobel_x", "weights": [[1]] } ] }""")));

    [Fact]
    public void EmptyRow() =>
        Assert.Equal($"{File}: layers[0].kernels[0].weights[0]: a row needs at least one number",
            Error(Net("""{ "type": "conv2d", "kernels": [ { "weights": [[]] } ] }""")));

    [Fact]
    public void LineBreaksInQuotedValuesStayOnOneLine() =>
        Assert.Equal($"{File}: layers[0].kernels[0].kernel: unknown kernel \"a\\nb\"; the library has: " + string.Join(", ", LiveConv.Engine.Kernels.KernelLibrary.Names),
            Error(Net("""{ "type": "conv2d", "kernels": [ { "kernel": "a\nb" } ] }""")));

    [Fact]
    public void MissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"liveconv-missing-{Guid.NewGuid():N}.json");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Equal($"{path}: file not found", e.Message);
    }

    /// <summary>The task's sample config, with the input color given.</summary>
    internal static string SampleConfig(string color) => $$"""
        {
          "$schema": "./liveconv.schema.json",
          "name": "seed-lines",
          "description": "The lecture's line and corner detectors",
          "input": { "color": "{{color}}", "scale": 0.00392156862745098, "width": 1280, "height": 720 },
          "layers": [
            { "type": "conv2d", "stride": 1, "padding": 1, "paddingMode": "zeros", "dilation": 1, "groups": 1,
              "kernels": [
                { "name": "vertical", "weights": [[-1,1,-1],[-1,1,-1],[-1,1,-1]], "bias": 0 },
                { "kernel": "horizontal_line" },
                { "name": "color", "weights": [[[0,1,0],[1,-4,1],[0,1,0]], [[0,0,0],[0,1,0],[0,0,0]], [[0,0,0],[0,0,0],[0,0,0]]] }
              ] },
            { "type": "relu" },
            { "type": "maxpool2d", "kernel": 2, "stride": 2 }
          ]
        }
        """;

    internal static string Net(params string[] layers) =>
        $$"""{ "input": { "color": "gray", "width": 64, "height": 48 }, "layers": [ {{string.Join(", ", layers)}} ] }""";

    private static string Color(params string[] layers) =>
        $$"""{ "input": { "color": "bgr", "width": 64, "height": 48 }, "layers": [ {{string.Join(", ", layers)}} ] }""";

    internal static string Error(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, File));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }
}
