using LiveConv.App.Configuration;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.App.Tests.Onnx;

/// <summary>The resnet18-stem and resnet18-block1 configs the App's build imports from the package's model.</summary>
public sealed class ShippedResNetConfigsTests
{
    private static string Shipped(string name) => Path.Combine(Path.GetDirectoryName(RepoPaths.LiveconvDll)!, "configs", name + ".json");

    [Fact]
    public void Stem_IsConvFoldedReluMaxPool_OnBgrLessTheMean()
    {
        var config = ConfigLoader.Load(Shipped("resnet18-stem"));

        Assert.Equal("resnet18-stem", config.Name);
        Assert.Equal(["conv2d", "relu", "maxpool2d"], config.Network.Layers.Select(l => l.Type));
        Assert.Equal((PixelFormat.Bgr, 1f), (config.Network.Input.Color, config.Network.Input.Scale));
        Assert.Null(config.Network.Input.Std);
    }

    [Fact]
    public void Block1_EndsWithTheResidualAddAndRelu()
    {
        var config = ConfigLoader.Load(Shipped("resnet18-block1"));

        Assert.Equal(["conv2d", "relu", "maxpool2d", "conv2d", "relu", "conv2d", "add", "relu"], config.Network.Layers.Select(l => l.Type));
        Assert.Equal(2, Assert.IsType<ResidualAdd>(config.Network.Layers[6]).From);
    }

    /// <summary>The mean the build passes is the preprocessing model's mean image averaged per channel (B, G, R).</summary>
    [Fact]
    public void InputMean_IsThePreprocessingMeanImagesPerChannelMean()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ResNet18Model.PreprocessPath));
        var image = model.Graph.Initializer.Single(t => t.Name == "MeanImage");
        Assert.Equal([1L, 3, 224, 224], image.Dims);
        int plane = 224 * 224;
        var expected = Enumerable.Range(0, 3).Select(c => image.FloatData.Skip(c * plane).Take(plane).Average(v => (double)v)).ToArray();

        var mean = ConfigLoader.Load(Shipped("resnet18-stem")).Network.Input.Mean!;

        for (int c = 0; c < 3; c++)
        {
            Assert.True(Math.Abs(mean[c] - expected[c]) < 1e-4, $"channel {c}: {mean[c]} vs the mean image's {expected[c]}");
        }
    }
}
