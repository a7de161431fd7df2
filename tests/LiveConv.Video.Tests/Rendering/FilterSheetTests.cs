using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The filter picture's pixels: colors per channel for a frame's first layer, the signed colormap per input channel deeper.</summary>
public sealed class FilterSheetTests
{
    /// <summary>A 2x2x3 filter on BGR frames: each weight's channel is that color, 0 at mid-gray, the largest |w| at 0 or 255.</summary>
    [Fact]
    public void FirstLayer_ColorFilter_MapsEachChannelToItsColor()
    {
        // [channel][row][col]: B, G, R.
        float[] weights = [1, 0, 0, 0, /* G */ 0, -1, 0, 0, /* R */ 0, 0, 0.5f, 0];
        var conv = new Conv2d([Kernel.Create("k", 3, 2, 2, weights)]);

        using var sheet = FilterSheet.Render(conv, 3, PixelFormat.Bgr);

        // The tile is 2x2 weights scaled by 24 (48 pixels wide), at (4, 4).
        Assert.Equal(new Vec3b(255, 128, 128), sheet.At<Vec3b>(4 + 12, 4 + 12));
        Assert.Equal(new Vec3b(128, 0, 128), sheet.At<Vec3b>(4 + 12, 4 + 36));
        Assert.Equal(new Vec3b(128, 128, 191), sheet.At<Vec3b>(4 + 36, 4 + 12));
        Assert.Equal(new Vec3b(128, 128, 128), sheet.At<Vec3b>(4 + 36, 4 + 36));
    }

    [Fact]
    public void RgbInput_PutsChannelZeroInRed()
    {
        var conv = new Conv2d([Kernel.Create("k", 3, 1, 1, [1f, 0f, 0f])]);

        using var sheet = FilterSheet.Render(conv, 3, PixelFormat.Rgb);

        Assert.Equal(new Vec3b(128, 128, 255), sheet.At<Vec3b>(10, 10));
    }

    /// <summary>Deeper filters: a row per filter, a tile per input channel, negative blue, positive red, symmetric per filter.</summary>
    [Fact]
    public void DeeperLayer_OneSignedTilePerInputChannel()
    {
        var conv = new Conv2d([Kernel.Create("k", 2, 1, 1, [-2f, 1f])]);

        using var sheet = FilterSheet.Render(conv, 2, input: null);

        // 1x1 weights scaled by 24, label column 60 wide, tiles 26 apart, below a 14-pixel header.
        Assert.Equal(SignedColor.Of(-1), sheet.At<Vec3b>(14 + 5, 60 + 5));
        Assert.Equal(SignedColor.Of(0.5), sheet.At<Vec3b>(14 + 5, 60 + 26 + 5));
        Assert.Equal(new Vec3b(255, 96, 0), SignedColor.Of(-1));
        Assert.Equal(new Vec3b(0, 0, 0), SignedColor.Of(0));
    }
}
