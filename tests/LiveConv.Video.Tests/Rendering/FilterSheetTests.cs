using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Rendering;

public sealed class FilterSheetTests
{
    // The first tile's top-left corner: below the title line, one gap in.
    private static readonly Point FirstTile = new(3, 27);

    private static Network Net(PixelFormat color, params Layer[] layers) => new(new InputSpec(color, 1f, 16, 16), layers);

    private static Vec3b Pixel(Mat sheet, int x, int y) => sheet.At<Vec3b>(y, x);

    [Theory]
    [InlineData(PixelFormat.Bgr, 255, 128, 0)]
    [InlineData(PixelFormat.Rgb, 0, 128, 255)]
    public void OnTheColourFrame_AFilterIsAColourPicture_MidGrayZero(PixelFormat order, int b, int g, int r)
    {
        // Slices in the input's order: +1 on the first channel, 0, -1 on the third.
        var kernel = Kernel.Create("k", 3, 1, 1, [1f, 0f, -1f]);
        using var sheet = FilterSheet.Draw(Net(order, new Conv2d([kernel])), 0);

        Assert.Equal(new Vec3b((byte)b, (byte)g, (byte)r), Pixel(sheet, FirstTile.X + 5, FirstTile.Y + 5));
    }

    [Fact]
    public void EachWeightIsABlockOfTheSameColour()
    {
        // 2x2 weights, so a tile of 32x32: weight (0, 1) fills x 16..31 of the tile's first 16 rows.
        var kernel = Kernel.Create("k", 3, 2, 2, [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        using var sheet = FilterSheet.Draw(Net(PixelFormat.Bgr, new Conv2d([kernel])), 0);

        var lit = new Vec3b(255, 128, 128);
        Assert.Equal(lit, Pixel(sheet, FirstTile.X + 16, FirstTile.Y));
        Assert.Equal(lit, Pixel(sheet, FirstTile.X + 31, FirstTile.Y + 15));
        Assert.Equal(new Vec3b(128, 128, 128), Pixel(sheet, FirstTile.X + 15, FirstTile.Y));
        Assert.Equal(new Vec3b(128, 128, 128), Pixel(sheet, FirstTile.X + 16, FirstTile.Y + 16));
    }

    [Fact]
    public void DeeperFilters_OneSignedTilePerInputChannel()
    {
        var first = new Conv2d([Kernel.Create2D("a", new float[,] { { 1 } }), Kernel.Create2D("b", new float[,] { { 1 } })]);
        var second = new Conv2d([Kernel.Create("mix", 2, 1, 1, [-0.5f, 1f])]);
        using var sheet = FilterSheet.Draw(Net(PixelFormat.Gray, first, new Activation(ActivationKind.Relu), second), 2);

        // After the name column, two 32x32 tiles: channel 0 half-blue (negative), channel 1 full red.
        int row = FirstTile.Y + 10;
        var tiles = Enumerable.Range(0, sheet.Width).Select(x => Pixel(sheet, x, row)).Where(p => p != new Vec3b(24, 24, 24)).Distinct().ToArray();
        Assert.Contains(new Vec3b(128, 0, 0), tiles);
        Assert.Contains(new Vec3b(0, 0, 255), tiles);
    }

    [Fact]
    public void ALayerThatIsNotAConvolution_SaysWhichAre()
    {
        var conv = new Conv2d([Kernel.Create2D("a", new float[,] { { 1 } })]);
        var network = Net(PixelFormat.Gray, conv, new Activation(ActivationKind.Relu), conv);

        var e = Assert.Throws<ArgumentException>(() => FilterSheet.Draw(network, 1));
        Assert.Equal("layer 1 is not a convolution; the convolutions are layers 0, 2", e.Message);
    }
}
