using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Rendering;

public class MosaicRendererTests
{
    private static Frame FrameWithMaps(int channels, int width = 40, int height = 30)
    {
        var frame = new FramePool().Rent();
        frame.PreparePixels(width, height, PixelFormat.Gray).Fill(128);
        var maps = frame.PrepareMaps(new Shape3(channels, height, width));
        for (int i = 0; i < maps.Data.Length; i++)
        {
            maps.Data[i] = i % width;
        }

        frame.MapNames = Enumerable.Range(0, channels).Select(c => $"k{c}").ToArray();
        return frame;
    }

    // Tiles of 40x30 under label strips, 6 pixels apart.
    [Theory]
    [InlineData(1, false, 40, 52)]
    [InlineData(8, false, 132, 168)]
    [InlineData(8, true, 132, 168)]
    [InlineData(9, true, 178, 168)]
    public void Grid_IsSquareishWithOptionalInputTile(int channels, bool input, int width, int height)
    {
        var frame = FrameWithMaps(channels);

        new MosaicRenderer(new MosaicOptions { ShowInput = input }).Render(frame, []);

        Assert.Equal((width, height), (frame.MosaicWidth, frame.MosaicHeight));
    }

    [Fact]
    public void OneMap_ByName_FullSizeRampUnlabeled()
    {
        var frame = FrameWithMaps(3);

        new MosaicRenderer(new MosaicOptions { Map = "k1" }).Render(frame, []);

        using var mosaic = MatFrames.Mosaic(frame);
        Assert.Equal(new Size(40, 30), mosaic.Size());
        Assert.Equal(new Vec3b(0, 0, 0), mosaic.At<Vec3b>(10, 0));
        Assert.Equal(new Vec3b(255, 255, 255), mosaic.At<Vec3b>(10, 39));
    }

    [Theory]
    [InlineData("inferno", ColormapTypes.Inferno)]
    [InlineData("viridis", ColormapTypes.Viridis)]
    [InlineData("gray", ColormapTypes.Jet)]
    public void Overlay_TintsTheInputInTheChosenColormap_JetUnderGray(string colormap, ColormapTypes expected)
    {
        var frame = FrameWithMaps(1);
        frame.PreparePixels(40, 30, PixelFormat.Gray).Fill(0);

        new MosaicRenderer(new MosaicOptions { ShowInput = true, Overlay = true, Colormap = Colormap.Parse(colormap), Labels = false }).Render(frame, []);

        // On a black input the tile is half the heat: the ramp's top end, in the expected colormap.
        using var ramp = new Mat(1, 1, MatType.CV_8UC1, Scalar.All(255));
        using var color = new Mat();
        Cv2.ApplyColorMap(ramp, color, expected);
        var top = color.At<Vec3b>(0, 0);
        using var mosaic = MatFrames.Mosaic(frame);
        var pixel = mosaic.At<Vec3b>(20, 39);
        for (int c = 0; c < 3; c++)
        {
            Assert.InRange(pixel[c], (top[c] / 2) - 2, (top[c] / 2) + 2);
        }
    }

    [Fact]
    public void UnknownMap_NamesTheMapsThereAre()
    {
        var error = Assert.Throws<ArgumentException>(() => new MosaicRenderer(new MosaicOptions { Map = "nope" }).Render(FrameWithMaps(2), []));
        Assert.Equal("no map named 'nope' in this layer: it has k0, k1", error.Message);
    }

    [Fact]
    public void FixedRange_Clips()
    {
        var frame = FrameWithMaps(1);

        new MosaicRenderer(new MosaicOptions { Normalization = Normalization.Fixed, FixedRange = (0, 10), Labels = false }).Render(frame, []);

        using var mosaic = MatFrames.Mosaic(frame);
        Assert.Equal(255, mosaic.At<Vec3b>(5, 20).Item0);
        Assert.InRange(mosaic.At<Vec3b>(5, 5).Item0, 127, 128);
    }

    [Fact]
    public void Colormap_ParsesOpenCvNamesAndListsThemOnError()
    {
        Assert.Equal(ColormapTypes.Inferno, Colormap.Parse("inferno").Type);
        Assert.Equal(ColormapTypes.Jet, Colormap.Parse("JET").Type);
        Assert.Null(Colormap.Parse("gray").Type);
        var error = Assert.Throws<ArgumentException>(() => Colormap.Parse("rainbowz"));
        Assert.Contains("gray, autumn", error.Message);
    }

    [Fact]
    public void SteadyState_ReusesTheMosaicBuffer()
    {
        var frame = FrameWithMaps(4);
        var renderer = new MosaicRenderer(new MosaicOptions { ShowInput = true, Colormap = Colormap.Parse("viridis") });
        renderer.Render(frame, ["fps 30"]);
        var buffer = frame.MosaicBuffer;

        renderer.Render(frame, ["fps 31"]);

        Assert.Same(buffer, frame.MosaicBuffer);
    }

    [Fact]
    public void Colormap_ColorsLikeOpenCvApplyColorMap()
    {
        var frame = FrameWithMaps(1);

        new MosaicRenderer(new MosaicOptions { Colormap = Colormap.Parse("inferno"), Labels = false }).Render(frame, []);

        using var mosaic = MatFrames.Mosaic(frame);
        using var gray = new Mat(1, 1, MatType.CV_8UC1, Scalar.All(255));
        using var expected = new Mat();
        Cv2.ApplyColorMap(gray, expected, ColormapTypes.Inferno);
        Assert.Equal(expected.At<Vec3b>(0, 0), mosaic.At<Vec3b>(5, 39));
    }

    [Fact]
    public void Hud_HasABandUnderTheTiles()
    {
        var frame = FrameWithMaps(1);

        new MosaicRenderer(new MosaicOptions { Hud = true }).Render(frame, ["fps in 30.0", "latency p50 3 ms"]);

        Assert.Equal((300, 30 + MosaicLayout.LabelHeight + HudPanel.HeightFor(2)), (frame.MosaicWidth, frame.MosaicHeight));
    }

    /// <summary>A frame whose map 1 has stages: z ramps from -20 to +19 along each row, then relu(z), then a 2x2 pool of it.</summary>
    private static Frame FrameWithStages()
    {
        var frame = FrameWithMaps(2);
        frame.ClearStages();
        var z = frame.AddStage(new Shape3(1, 30, 40));
        var a = frame.AddStage(new Shape3(1, 30, 40));
        var pooled = frame.AddStage(new Shape3(1, 15, 20));
        for (int i = 0; i < z.Data.Length; i++)
        {
            z.Data[i] = (i % 40) - 20;
            a.Data[i] = Math.Max(0, z.Data[i]);
        }

        for (int i = 0; i < pooled.Data.Length; i++)
        {
            pooled.Data[i] = Math.Max(0, (i % 20 * 2) - 19);
        }

        frame.StageNames = ["z", "relu(z)", "maxpool2d 2x2"];
        return frame;
    }

    [Fact]
    public void Stages_OneRowOfTilesTheSizeOfZ_ZSignedBlueBlackRed_ThenTheColormap()
    {
        var frame = FrameWithStages();
        var renderer = new MosaicRenderer(new MosaicOptions { Stages = true, Selected = 1, Labels = false });

        renderer.Render(frame, []);

        Assert.Equal((132, 30), (frame.MosaicWidth, frame.MosaicHeight));
        using var mosaic = MatFrames.Mosaic(frame);
        // z: the most negative column is bright blue, zero (column 20) black, the most positive red.
        var negative = mosaic.At<Vec3b>(15, 0);
        var zero = mosaic.At<Vec3b>(15, 20);
        var positive = mosaic.At<Vec3b>(15, 39);
        Assert.True(negative.Item0 > 200 && negative.Item2 == 0, $"negative z is {negative}");
        Assert.True(zero.Item0 < 10 && zero.Item1 < 10 && zero.Item2 < 10, $"zero z is {zero}");
        Assert.True(positive.Item2 > 200 && positive.Item0 == 0, $"positive z is {positive}");
        // relu(z) in gray: black where z was negative, white at its maximum.
        Assert.Equal(new Vec3b(0, 0, 0), mosaic.At<Vec3b>(15, 46 + 5));
        Assert.Equal(new Vec3b(255, 255, 255), mosaic.At<Vec3b>(15, 46 + 39));
        // The pooled map, half the size, fills a tile as big as the others.
        Assert.Equal(new Vec3b(255, 255, 255), mosaic.At<Vec3b>(29, 92 + 39));
        // A click on any stage tile points at the followed map, in the displayed layer's pixels.
        Assert.True(renderer.Layout!.TryLocate(92 + 10, 20, out int map, out int row, out int column));
        Assert.Equal((1, 20, 10), (map, row, column));
    }

    [Fact]
    public void Stages_WithTheInputTile_AndWithoutStagesInTheFrame_FallsBackToTheMaps()
    {
        var frame = FrameWithStages();
        new MosaicRenderer(new MosaicOptions { Stages = true, ShowInput = true }).Render(frame, []);
        Assert.Equal((178, 52), (frame.MosaicWidth, frame.MosaicHeight));

        frame.ClearStages();
        new MosaicRenderer(new MosaicOptions { Stages = true }).Render(frame, []);
        Assert.Equal((86, 52), (frame.MosaicWidth, frame.MosaicHeight));
    }

    [Fact]
    public void Zoom_GrowsTheSelectedMapToTheMaximumWidth()
    {
        var frame = FrameWithMaps(3);

        var renderer = new MosaicRenderer(new MosaicOptions { Zoom = true, Selected = 2, MaxWidth = 400, Labels = false });
        renderer.Render(frame, []);

        Assert.Equal((400, 300), (frame.MosaicWidth, frame.MosaicHeight));
        Assert.True(renderer.Layout!.TryLocate(399, 299, out int map, out int row, out int column));
        Assert.Equal((2, 29, 39), (map, row, column));
    }
}
