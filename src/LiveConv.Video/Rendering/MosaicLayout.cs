using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// Where a mosaic puts each tile, its label and the HUD: the result of <see cref="Compute"/>, a pure function of
/// the canvas, the tiles and the options, and what a click on the window points at (<see cref="TryLocate"/>).
/// </summary>
/// <param name="Width">The whole picture.</param>
/// <param name="Scale">Tile pixels per map pixel: a whole number when enlarging, so each neuron is a block.</param>
/// <param name="Tiles">Each tile's picture, slot by slot (the input tile first when there is one).</param>
/// <param name="Labels">The dark strip above each tile (empty rectangles without labels).</param>
/// <param name="Hud">The HUD's panel, beside or under the tiles; empty without one.</param>
/// <param name="FirstSlot">1 when the input tile comes first, else 0.</param>
/// <param name="Maps">The map shown in each map tile, in order.</param>
/// <param name="MapWidth">Width of one map in its own pixels.</param>
public sealed record MosaicLayout(
    int Width, int Height, int Columns, double Scale, IReadOnlyList<Rect> Tiles, IReadOnlyList<Rect> Labels, Rect Hud,
    int FirstSlot, IReadOnlyList<int> Maps, int MapWidth, int MapHeight)
{
    /// <summary>Pixels between tiles, so a one-pixel line at a tile's edge is not read as part of its neighbour.</summary>
    public const int Gap = 6;

    /// <summary>Height of the label strip above each tile: one line of the HUD font.</summary>
    public const int LabelHeight = TextPainter.LineHeight + 4;

    /// <summary>The HUD panel beside the tiles is this share of the canvas's width (within its bounds).</summary>
    private const double PanelShare = 0.3;

    /// <summary>The panel beside the tiles for a long text: it wraps less.</summary>
    private const double WidePanelShare = 0.45;
    private const int PanelMinWidth = 300, PanelMaxWidth = 560, PanelMinHeight = 160;

    /// <summary>HUD lines the panel under the tiles always has room for: the stats and a network's layers.</summary>
    private const int UsualLines = 16;

    /// <summary>The layout for <paramref name="request"/>; the same inputs always give the same layout.</summary>
    public static MosaicLayout Compute(LayoutRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Tiles);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MapWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MapHeight);
        int label = request.Labels ? LabelHeight : 0;
        return request.Canvas is { } canvas ? Fitted(request, canvas, label) : Natural(request, label);
    }

    /// <summary>The map and its pixel under window point (x, y); false outside every map tile.</summary>
    public bool TryLocate(int x, int y, out int map, out int row, out int column)
    {
        (map, row, column) = (-1, -1, -1);
        for (int slot = FirstSlot; slot < Tiles.Count && slot - FirstSlot < Maps.Count; slot++)
        {
            var tile = Tiles[slot];
            if (tile.Contains(x, y))
            {
                map = Maps[slot - FirstSlot];
                row = Math.Min(MapHeight - 1, (y - tile.Y) * MapHeight / tile.Height);
                column = Math.Min(MapWidth - 1, (x - tile.X) * MapWidth / tile.Width);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Files: a square-ish grid at the maps' own size (shrunk to <see cref="LayoutRequest.MaxWidth"/>, or zoomed up
    /// to it), a HUD band under it only when asked; the picture is as big as that.
    /// </summary>
    private static MosaicLayout Natural(LayoutRequest request, int label)
    {
        int columns = request.Columns ?? (int)Math.Ceiling(Math.Sqrt(request.Tiles));
        int rows = (request.Tiles + columns - 1) / columns;
        double fit = (request.MaxWidth - ((columns - 1) * Gap)) / (double)(columns * request.MapWidth);
        double scale = Whole(request.Zoom ? fit : Math.Min(1.0, fit));
        var tile = TileSize(request, scale);
        int gridWidth = (columns * tile.Width) + ((columns - 1) * Gap), gridHeight = (rows * (tile.Height + label)) + ((rows - 1) * Gap);
        var hud = request.HudLines > 0
            ? new Rect(0, gridHeight, Math.Max(gridWidth, PanelMinWidth), HudPanel.HeightFor(request.HudLines))
            : default;
        int width = Math.Max(gridWidth, hud.Width), height = gridHeight + hud.Height;
        return Place(request, width, height, columns, scale, tile, label, new Rect(0, 0, gridWidth, gridHeight), hud);
    }

    /// <summary>
    /// The window: the largest grid that fits the canvas beside or under the HUD panel, whichever gives bigger
    /// tiles, centred in what the panel leaves.
    /// </summary>
    private static MosaicLayout Fitted(LayoutRequest request, (int Width, int Height) canvas, int label)
    {
        var (width, height) = (Math.Max(1, canvas.Width), Math.Max(1, canvas.Height));
        var areas = new List<(Rect Grid, Rect Hud, bool TextFits)>();
        if (request.HudLines > 0)
        {
            // The panel under the tiles holds the usual lines (the stats and a network's layers) whatever their count,
            // so a line that comes and goes does not move the tiles; a longer text (the help, a neuron's numbers) goes
            // beside them, in a wider panel, as it would be cut off under them.
            int under = Math.Clamp(Math.Max((int)(height * PanelShare), HudPanel.HeightFor(UsualLines)), PanelMinHeight, Math.Max(PanelMinHeight, height / 2));
            bool longText = HudPanel.HeightFor(request.HudLines) > under;
            int beside = Math.Clamp((int)(width * (longText ? WidePanelShare : PanelShare)), PanelMinWidth, PanelMaxWidth);
            areas.Add((new Rect(0, 0, Math.Max(1, width - beside - Gap), height), new Rect(width - beside, 0, beside, height), true));
            areas.Add((new Rect(0, 0, width, Math.Max(1, height - under - Gap)), new Rect(0, height - under, width, under), !longText));
        }
        else
        {
            areas.Add((new Rect(0, 0, width, height), default, true));
        }

        (bool TextFits, double Scale, double Fit, int Columns, int Rows, Rect Grid, Rect Hud) best = (false, 0, 0, 1, 1, default, default);
        foreach (var (grid, hud, textFits) in areas)
        {
            for (int columns = 1; columns <= request.Tiles; columns++)
            {
                int rows = (request.Tiles + columns - 1) / columns;
                double across = (grid.Width - ((columns - 1) * Gap)) / (double)(columns * request.MapWidth);
                double down = (grid.Height - ((rows - 1) * Gap) - (rows * label)) / (double)(rows * request.MapHeight);
                double fit = Math.Min(across, down), scale = Whole(fit);
                // Between grids of the same whole scale, the one with more room to spare fits the canvas's shape better.
                bool better = textFits != best.TextFits ? textFits
                    : scale > best.Scale || (scale == best.Scale && fit > best.Fit);
                if (better)
                {
                    best = (textFits, scale, fit, columns, rows, grid, hud);
                }
            }
        }

        var tile = TileSize(request, best.Scale);
        int gridWidth = (best.Columns * tile.Width) + ((best.Columns - 1) * Gap);
        int gridHeight = (best.Rows * (tile.Height + label)) + ((best.Rows - 1) * Gap);
        var area = new Rect(
            best.Grid.X + Math.Max(0, (best.Grid.Width - gridWidth) / 2), best.Grid.Y + Math.Max(0, (best.Grid.Height - gridHeight) / 2),
            gridWidth, gridHeight);
        return Place(request, width, height, best.Columns, best.Scale, tile, label, area, best.Hud);
    }

    /// <summary>Enlarging goes by whole pixels, so each neuron is a square block; shrinking by any ratio.</summary>
    private static double Whole(double scale) => scale >= 1 ? Math.Floor(scale) : Math.Max(scale, 1e-3);

    private static Size TileSize(LayoutRequest request, double scale) =>
        new(Math.Max(1, (int)(request.MapWidth * scale)), Math.Max(1, (int)(request.MapHeight * scale)));

    private static MosaicLayout Place(
        LayoutRequest request, int width, int height, int columns, double scale, Size tile, int label, Rect grid, Rect hud)
    {
        var tiles = new Rect[request.Tiles];
        var labels = new Rect[request.Tiles];
        for (int slot = 0; slot < request.Tiles; slot++)
        {
            int x = grid.X + (slot % columns * (tile.Width + Gap)), y = grid.Y + (slot / columns * (tile.Height + label + Gap));
            labels[slot] = new Rect(x, y, label > 0 ? tile.Width : 0, label);
            tiles[slot] = new Rect(x, y + label, tile.Width, tile.Height);
        }

        return new MosaicLayout(width, height, columns, scale, tiles, labels, hud, request.FirstSlot, request.Maps, request.MapWidth, request.MapHeight);
    }
}
