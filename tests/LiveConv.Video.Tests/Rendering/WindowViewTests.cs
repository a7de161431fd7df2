using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The window's view: what the renderer draws once a window gave its size, and what files get meanwhile.</summary>
public class WindowViewTests
{
    /// <summary>Four 16x9 maps, each pixel its own value: a checkerboard of 0 and 1.</summary>
    private static Frame SmallMaps()
    {
        var frame = new FramePool().Rent();
        frame.PreparePixels(16, 9, PixelFormat.Gray).Fill(200);
        var maps = frame.PrepareMaps(new Shape3(4, 9, 16));
        for (int i = 0; i < maps.Data.Length; i++)
        {
            maps.Data[i] = ((i % 16) + (i / 16)) % 2;
        }

        frame.MapNames = ["a", "b", "c", "d"];
        return frame;
    }

    [Fact]
    public void TheViewFillsTheCanvas_SmallMapsGrowByWholePixels_EachNeuronABlock()
    {
        var frame = SmallMaps();
        var renderer = new MosaicRenderer(new MosaicOptions()) { Canvas = (800, 600) };

        renderer.Render(frame, ["fps 30"]);

        Assert.Equal((800, 600), (frame.ViewWidth, frame.ViewHeight));
        var layout = renderer.Layout!;
        int scale = (int)layout.Scale;
        Assert.True(scale >= 8, $"scale {layout.Scale}");
        using var view = Mat.FromPixelData(600, 800, MatType.CV_8UC3, frame.ViewBuffer);
        var tile = layout.Tiles[0];
        for (int row = 0; row < 9; row++)
        {
            for (int column = 0; column < 16; column++)
            {
                byte expected = ((row + column) % 2) == 1 ? (byte)255 : (byte)0;
                using var block = view[new Rect(tile.X + (column * scale), tile.Y + (row * scale), scale, scale)];
                Cv2.MinMaxLoc(block.CvtColor(ColorConversionCodes.BGR2GRAY), out double min, out double max);
                Assert.Equal((expected, expected), ((byte)min, (byte)max));
            }
        }
    }

    [Fact]
    public void EveryTileHasADarkLabelStrip_TheInputToo_AndTheHudPanelHasText()
    {
        var frame = SmallMaps();
        var renderer = new MosaicRenderer(new MosaicOptions { ShowInput = true }) { Canvas = (1000, 500), History = new FrameTimeHistory() };

        renderer.Render(frame, ["fps in 30.0  out 30.0"]);

        var layout = renderer.Layout!;
        using var view = Mat.FromPixelData(500, 1000, MatType.CV_8UC3, frame.ViewBuffer);
        Assert.Equal(5, layout.Labels.Count);
        foreach (var strip in layout.Labels)
        {
            using var gray = view[strip].CvtColor(ColorConversionCodes.BGR2GRAY);
            Assert.Equal(48, (int)Cv2.Mean(gray).Val0, tolerance: 30);
            Assert.True(Cv2.CountNonZero(gray.Threshold(150, 255, ThresholdTypes.Binary)) > 10, $"no text on the label at {strip}");
        }

        using var panel = view[layout.Hud].CvtColor(ColorConversionCodes.BGR2GRAY);
        Assert.True(Cv2.CountNonZero(panel.Threshold(150, 255, ThresholdTypes.Binary)) > 200, "no text in the HUD panel");
    }

    [Fact]
    public void FilesGetTheSameMosaic_WithAWindowOrWithout()
    {
        var headless = SmallMaps();
        var windowed = SmallMaps();
        new MosaicRenderer(new MosaicOptions { ShowInput = true }).Render(headless, ["fps 30"]);
        var renderer = new MosaicRenderer(new MosaicOptions { ShowInput = true }) { Canvas = (1200, 700) };
        renderer.Overlay = ["help shown"];

        renderer.Render(windowed, ["fps 30"]);

        Assert.Equal((headless.MosaicWidth, headless.MosaicHeight), (windowed.MosaicWidth, windowed.MosaicHeight));
        Assert.True(headless.Mosaic.SequenceEqual(windowed.Mosaic), "the files' mosaic depends on the window");
    }
}
