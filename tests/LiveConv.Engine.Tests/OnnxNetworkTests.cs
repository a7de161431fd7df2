using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests;

/// <summary>What the network checks about adds, input normalization and size, with the messages a user sees.</summary>
public class OnnxNetworkTests
{
    private static readonly InputSpec Gray8x8 = new(PixelFormat.Gray, 1f, 8, 8);

    [Fact]
    public void Add_FromALaterLayer_NamesTheLayer()
    {
        var e = Assert.Throws<NetworkException>(() => new Network(Gray8x8, [new Activation(ActivationKind.Relu), new ResidualAdd(1)]));

        Assert.Equal(1, e.LayerIndex);
        Assert.Contains("an add takes an earlier layer's output (0 to 0) or the input, got layer 1", e.Message);
    }

    [Fact]
    public void Add_OfAnotherShape_NamesBothShapes()
    {
        var e = Assert.Throws<NetworkException>(() => new Network(Gray8x8, [new MaxPool2d(Size2.Square(2)), new ResidualAdd(ResidualAdd.NetworkInput)]));

        Assert.Equal(1, e.LayerIndex);
        Assert.Contains("the input is 1x8x8, which cannot be added to 1x4x4", e.Message);
    }

    [Theory]
    [InlineData(new[] { 0.5f, 0.5f }, null, "the input mean needs 1 value (one per Gray channel), got 2")]
    [InlineData(null, new[] { 0f }, "the input std values must be finite numbers other than 0")]
    public void InputNormalization_OfTheWrongLength_OrZeroStd_IsRefused(float[]? mean, float[]? std, string message)
    {
        var e = Assert.Throws<NetworkException>(() => new Network(Gray8x8 with { Mean = mean, Std = std }, [new Activation(ActivationKind.Relu)]));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void BytesPerFrame_5000FiltersAt640x360_IsCountedInLongArithmetic()
    {
        var network = new Network(new InputSpec(PixelFormat.Bgr, 1f, 640, 360), [Conv(5000)]);

        // (3 + 5000) channels x 640 x 360 floats: 4.6 GB, more than an int counts.
        Assert.Equal((3L + 5000) * 640 * 360 * 4, network.BytesPerFrame);
        Assert.Equal(0, network.LargestLayer);
        Assert.Equal("4.6 GB", Network.FormatBytes(network.BytesPerFrame));
    }

    [Fact]
    public void A_layer_output_larger_than_a_tensor_holds_is_refused_with_its_size()
    {
        var e = Assert.Throws<NetworkException>(() => new Network(new InputSpec(PixelFormat.Bgr, 1f, 1280, 720), [Conv(5000)]));

        Assert.Equal(0, e.LayerIndex);
        Assert.Contains("its output 5000x720x1280 is 4,608,000,000 values (18.4 GB), more than one tensor can hold", e.Message);
    }

    private static Conv2d Conv(int filters) =>
        new([.. Enumerable.Range(0, filters).Select(i => Kernel.Create($"k{i}", null, 1, 1, [1f]))]);
}
