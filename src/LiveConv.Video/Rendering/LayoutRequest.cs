namespace LiveConv.Video.Rendering;

/// <summary>What <see cref="MosaicLayout.Compute"/> lays out: the tiles, the maps' size and where they go.</summary>
/// <param name="Tiles">Tiles in all, the input tile included.</param>
/// <param name="FirstSlot">1 when the first tile is the input, else 0.</param>
/// <param name="Maps">The map each map tile shows (kept for clicks).</param>
/// <param name="MapWidth">A map's own size; every tile shows its picture at that size times the scale.</param>
public readonly record struct LayoutRequest(int Tiles, int FirstSlot, IReadOnlyList<int> Maps, int MapWidth, int MapHeight)
{
    /// <summary>The window's picture size: the grid fills it; null for a file, whose picture is as big as the grid.</summary>
    public (int Width, int Height)? Canvas { get; init; }

    /// <summary>A file's grid is at most this wide (tiles shrink); zoomed, tiles also grow to it.</summary>
    public int MaxWidth { get; init; } = 1280;

    public bool Zoom { get; init; }

    /// <summary>A label strip above every tile.</summary>
    public bool Labels { get; init; } = true;

    /// <summary>Lines of the HUD: a panel beside or under the tiles in a window, a band under them in a file; 0 for none.</summary>
    public int HudLines { get; init; }

    /// <summary>Columns for a file's grid (the stages' row); null: square-ish.</summary>
    public int? Columns { get; init; }
}
