using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The layout as a pure function: no window, no picture.</summary>
public class MosaicLayoutTests
{
    private const int Gap = MosaicLayout.Gap, Label = MosaicLayout.LabelHeight;

    private static LayoutRequest Maps(int maps, int width, int height, bool input = false) =>
        new(maps + (input ? 1 : 0), input ? 1 : 0, Enumerable.Range(0, maps).ToArray(), width, height);

    [Fact]
    public void File_SquareishGridAtTheMapsSize_WithGapsAndALabelStripAboveEachTile()
    {
        var layout = MosaicLayout.Compute(Maps(5, 40, 30, input: true));

        Assert.Equal(3, layout.Columns);
        Assert.Equal(1.0, layout.Scale);
        Assert.Equal(((3 * 40) + (2 * Gap), (2 * (30 + Label)) + Gap), (layout.Width, layout.Height));
        Assert.Equal(new Rect(40 + Gap, Label, 40, 30), layout.Tiles[1]);
        Assert.Equal(new Rect(40 + Gap, 0, 40, Label), layout.Labels[1]);
        Assert.Equal(new Rect(0, 30 + Label + Gap + Label, 40, 30), layout.Tiles[3]);
        Assert.Equal(default, layout.Hud);
    }

    [Fact]
    public void File_WiderThanTheMaximum_TilesShrink_TheHudBandOnlyWhenAsked()
    {
        var layout = MosaicLayout.Compute(Maps(4, 1280, 720) with { HudLines = 3 });

        Assert.Equal(2, layout.Columns);
        Assert.True(layout.Scale < 0.5, $"scale {layout.Scale}");
        Assert.True(layout.Width <= 1280, $"{layout.Width} wide");
        Assert.Equal(layout.Tiles[3].Bottom, layout.Hud.Y);
        Assert.Equal(HudPanel.HeightFor(3), layout.Hud.Height);
        Assert.Equal(layout.Hud.Bottom, layout.Height);
    }

    [Fact]
    public void Window_SmallMapsGrowByWholePixels_ToTheLargestGridThatFits_BesideTheHudPanel()
    {
        // The stack config's last layer at 640x360: four 160x90 maps in a 1360x850 window.
        var layout = MosaicLayout.Compute(Maps(4, 160, 90) with { Canvas = (1360, 850), HudLines = 10 });

        Assert.Equal(Math.Floor(layout.Scale), layout.Scale);
        Assert.True(layout.Scale >= 2, $"scale {layout.Scale}");
        Assert.All(layout.Tiles, t => Assert.Equal((160 * layout.Scale, 90 * layout.Scale), (t.Width, t.Height)));
        var all = new Rect(0, 0, 1360, 850);
        foreach (var rect in layout.Tiles.Concat(layout.Labels).Append(layout.Hud))
        {
            Assert.Equal(rect, Rect.Intersect(rect, all));
        }

        // Nothing overlaps: tiles, their labels and the HUD panel each have their own pixels.
        var rects = layout.Tiles.Concat(layout.Labels).Append(layout.Hud).ToArray();
        for (int i = 0; i < rects.Length; i++)
        {
            for (int j = i + 1; j < rects.Length; j++)
            {
                Assert.False(rects[i].IntersectsWith(rects[j]), $"{rects[i]} overlaps {rects[j]}");
            }
        }
    }

    [Theory]
    [InlineData(1600, 500, true)]
    [InlineData(500, 1000, false)]
    [InlineData(1920, 1080, true)]
    public void Window_TheHudGoesBesideAWideCanvas_UnderATallOne(int width, int height, bool beside)
    {
        var layout = MosaicLayout.Compute(Maps(4, 320, 180) with { Canvas = (width, height), HudLines = 8 });

        Assert.Equal(beside, layout.Hud.Height == height);
        Assert.True(layout.Tiles.All(t => !t.IntersectsWith(layout.Hud)));
    }

    /// <summary>
    /// The help and a neuron's numbers are 30-odd lines: under the tiles they would be cut off at the panel's edge, so
    /// the panel goes beside them, wider, where the canvas's height holds them; the few lines of the stats alone fit either way.
    /// </summary>
    [Theory]
    [InlineData(8, false)]
    [InlineData(34, true)]
    public void Window_ThePanelHoldsEveryLine_BesideTheTilesWhenUnderThemWouldCutThem(int lines, bool wideBeside)
    {
        var layout = MosaicLayout.Compute(Maps(7, 640, 360) with { Canvas = (1360, 765), HudLines = lines });

        Assert.True(layout.Hud.Height >= HudPanel.HeightFor(lines), $"{layout.Hud} for {lines} lines");

        // The long text goes beside, in a wider panel than the stats alone get there (it wraps less).
        Assert.Equal(wideBeside, layout.Hud.Height == 765 && layout.Hud.Width > (int)(1360 * 0.3));
        Assert.True(layout.Tiles.All(t => !t.IntersectsWith(layout.Hud)));
    }

    /// <summary>A status line that comes and goes (a key's confirmation, a warning) leaves the tiles where they are.</summary>
    [Theory]
    [InlineData(1360, 765)]
    [InlineData(1360, 850)]
    [InlineData(1632, 918)]
    public void Window_TheUsualLinesComingAndGoing_DoNotMoveTheTiles(int width, int height)
    {
        var layouts = Enumerable.Range(4, 9).Select(lines => MosaicLayout.Compute(Maps(4, 160, 90) with { Canvas = (width, height), HudLines = lines })).ToArray();

        Assert.All(layouts, l => Assert.Equal(layouts[0].Tiles, l.Tiles));
        Assert.All(layouts, l => Assert.Equal(layouts[0].Hud, l.Hud));
        Assert.True(layouts[0].Hud.Height >= HudPanel.HeightFor(12), $"{layouts[0].Hud}");
    }

    [Fact]
    public void Window_AGrowingCanvas_GrowsTheTiles()
    {
        var small = MosaicLayout.Compute(Maps(6, 160, 90) with { Canvas = (1000, 700), HudLines = 8 });
        var large = MosaicLayout.Compute(Maps(6, 160, 90) with { Canvas = (1600, 1000), HudLines = 8 });

        Assert.True(large.Tiles[0].Width > small.Tiles[0].Width, $"{large.Tiles[0]} vs {small.Tiles[0]}");
    }

    [Fact]
    public void ClickOnAMapTile_GivesTheMapAndItsPixel_TheInputLabelsAndGapsGiveNothing()
    {
        var request = new LayoutRequest(3, 1, [3, 5], 200, 100) { Canvas = (700, 300), Labels = true };
        var layout = MosaicLayout.Compute(request);
        var tile = layout.Tiles[2];

        Assert.True(layout.TryLocate(tile.X + (tile.Width / 2), tile.Y + (tile.Height / 4), out int map, out int row, out int column));
        Assert.Equal((5, 25, 100), (map, row, column));
        Assert.True(layout.TryLocate(tile.Right - 1, tile.Bottom - 1, out _, out row, out column));
        Assert.Equal((99, 199), (row, column));
        Assert.False(layout.TryLocate(layout.Tiles[0].X + 5, layout.Tiles[0].Y + 5, out _, out _, out _));
        Assert.False(layout.TryLocate(layout.Labels[1].X + 5, layout.Labels[1].Y + 5, out _, out _, out _));
        Assert.False(layout.TryLocate(layout.Tiles[1].Right + (Gap / 2), layout.Tiles[1].Y + 5, out _, out _, out _));
        Assert.False(layout.TryLocate(-1, 5, out _, out _, out _));
    }
}
