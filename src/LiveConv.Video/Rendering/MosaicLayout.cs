namespace LiveConv.Video.Rendering;

/// <summary>Where the last mosaic put each map: what a click on the window points at.</summary>
/// <param name="FirstSlot">1 when the input tile comes first, else 0.</param>
/// <param name="Maps">The map shown in each map tile, in order.</param>
/// <param name="MapWidth">Width of one map in its own pixels (the tiles may be scaled).</param>
public sealed record MosaicLayout(int Columns, int TileWidth, int TileHeight, int FirstSlot, IReadOnlyList<int> Maps, int MapWidth, int MapHeight)
{
    /// <summary>The map and its pixel under window point (x, y); false outside every map tile.</summary>
    public bool TryLocate(int x, int y, out int map, out int row, out int column)
    {
        (map, row, column) = (-1, -1, -1);
        if (x < 0 || y < 0 || TileWidth <= 0 || TileHeight <= 0 || x >= Columns * TileWidth)
        {
            return false;
        }

        int slot = (y / TileHeight * Columns) + (x / TileWidth) - FirstSlot;
        if (slot < 0 || slot >= Maps.Count)
        {
            return false;
        }

        map = Maps[slot];
        row = Math.Min(MapHeight - 1, y % TileHeight * MapHeight / TileHeight);
        column = Math.Min(MapWidth - 1, x % TileWidth * MapWidth / TileWidth);
        return true;
    }
}
