using LiveConv.App.Onnx;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// The real ResNet18.onnx (CNTK 2.6, opset 8, weights as float_data) cut after conv1, its batch normalization, ReLU,
/// the max pool, the first residual Add and the second block, imported and run by LiveConv on the same tensor that
/// ONNX Runtime runs the cut model on. The input is what the model sees after its preprocessing: BGR values on a
/// 0–255 scale less the mean, so about ±130.
/// Tolerance: 1e-5 of the output's largest magnitude. A 7x7x3 conv sums 147 products and the blocks' 3x3x64 convs
/// 576; float32 sums in another order differ by about √n·6e-8 of the magnitude (7e-7 and 1.4e-6), folding the batch
/// normalization into the weights rounds a few units more, and the errors add along the chain and the residuals. The
/// convs run as Winograd's F(4x4, 4x4) (the stem, over the input's phases) and F(4x4, 3x3) (the blocks), whose
/// transforms scale values by up to 12 before rounding. Measured: 2.1e-6 after conv1, 1.2e-6 after the max pool,
/// 1.8e-6 through the first Add, 2.8e-6 through the second block (the direct kernel: 5.4e-7, 8.1e-7 and 1.4e-6). A wrong
/// pad, stride or channel order is off by whole values.
/// </summary>
public sealed class ResNet18ImportTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string, int> Cuts => new()
    {
        { "Convolution249", 1 },
        { "BatchNormalization251", 1 },
        { "ReLU253", 2 },
        { "Pooling255", 3 },
        { "Plus267", 7 },
        { "ReLU283", 13 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Cut_MatchesOnnxRuntime(string node, int layers)
    {
        var imported = OnnxImporter.Import(ResNet18Model.Path, node, new OnnxInputOptions { Color = PixelFormat.Bgr, Scale = 1 });
        var network = imported.Config.Network;
        Assert.Equal(layers, network.Layers.Count);
        Assert.Equal(new Shape3(3, 224, 224), network.InputShape);

        var input = OnnxRuntimeOracle.RandomTensor(network.InputShape, seed: 18, -130f, 130f);
        byte[] cut = OnnxRuntimeOracle.WithOutput(File.ReadAllBytes(ResNet18Model.Path), node + "_Output_0");
        float[] expected = OnnxRuntimeOracle.Run(cut, "Input247", network.InputShape, input, node + "_Output_0");
        float[] actual = OnnxRuntimeOracle.RunLiveConv(network, input);

        double error = OnnxRuntimeOracle.RelativeError(actual, expected);
        Assert.True(error <= Tolerance, $"through {node}: relative error {error:G3} > {Tolerance}");
    }

    [Fact]
    public void Stem_IsConvWithBatchNormFolded_Relu_MaxPool()
    {
        var imported = OnnxImporter.Import(ResNet18Model.Path, "Pooling255");

        var layers = imported.Config.Network.Layers;
        var conv = Assert.IsType<Conv2d>(layers[0]);
        Assert.Equal(new Borders(3, 2, 3, 2), conv.Borders);
        Assert.Equal(64, conv.Filters);
        Assert.Equal(ActivationKind.Relu, Assert.IsType<Activation>(layers[1]).Kind);
        var pool = Assert.IsType<MaxPool2d>(layers[2]);
        Assert.Equal(new Borders(1, 0, 1, 0), pool.Padding);
        Assert.Equal(new Shape3(64, 56, 56), imported.Config.Network.OutputShape);
        Assert.Contains(imported.Notes, n => n.Contains("BatchNormalization251", StringComparison.Ordinal) && n.Contains("folded", StringComparison.Ordinal));
        Assert.Equal("nodes 0–3 of 74 import as 3 layers, through node 3 'Pooling255' (MaxPool)", imported.Extent);
    }

    [Fact]
    public void WithoutThrough_ImportsUpToTheFirstBranch_AndSaysWhy()
    {
        var imported = OnnxImporter.Import(ResNet18Model.Path);

        Assert.StartsWith("nodes 0–19 of 74 import as 14 layers, through node 19 'BatchNormalization297' (BatchNormalization); node 20 'Convolution285' (Conv) is not supported: it takes 'ReLU283_Output_0'", imported.Extent, StringComparison.Ordinal);
    }
}
