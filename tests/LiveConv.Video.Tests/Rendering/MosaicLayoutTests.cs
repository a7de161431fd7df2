using LiveConv.Video.Rendering;

namespace LiveConv.Video.Tests.Rendering;

public class MosaicLayoutTests
{
    // Two columns of 100x50 tiles showing 200x100 maps at half size, the input tile first, then maps 3 and 5.
    private static readonly MosaicLayout Layout = new(2, 100, 50, 1, [3, 5], 200, 100);

    [Fact]
    public void ClickOnAMapTile_GivesTheMapAndItsPixel()
    {
        Assert.True(Layout.TryLocate(0 + 10, 50 + 20, out int map, out int row, out int column));
        Assert.Equal((5, 40, 20), (map, row, column));
        Assert.True(Layout.TryLocate(150, 49, out map, out row, out column));
        Assert.Equal((3, 98, 100), (map, row, column));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(150, 60)]
    [InlineData(250, 10)]
    [InlineData(-1, 5)]
    public void ClickOnTheInputOrOutside_GivesNothing(int x, int y) => Assert.False(Layout.TryLocate(x, y, out _, out _, out _));
}
