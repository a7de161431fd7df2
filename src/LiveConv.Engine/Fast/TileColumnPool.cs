using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The column half of a max pooling at column stride 2, taken on Winograd's output tiles while they are still in
/// registers: a 4-column tile holds two pooled columns' windows whole when each window lies within its own tile and
/// the last column of the tile before (a window of 2 or 3 columns, the left pad 1 when 3: ResNet's 3x3/2 and VGG's
/// 2x2/2). The conv buffer then takes half the columns, the tiles need 2 zip permutes a row instead of 8, and the
/// pooling left is the rows' (<see cref="RowPool"/>). Max commutes with the per-column order it takes, so the
/// result is the same bit for bit.
/// </summary>
internal readonly record struct TileColumnPool(int Kernel, int PadLeft, int Width)
{
    /// <summary>The column pooling of <paramref name="pool"/> after a conv of <paramref name="convWidth"/> columns, or null where a tile does not hold its windows.</summary>
    public static TileColumnPool? Of(Pool2d? pool, int convWidth, int pooledWidth)
    {
        if (pool is not MaxPool2d || pool.Dilation != Size2.Square(1) || pool.Stride.Width != 2)
        {
            return null;
        }

        // Output 2t + e of tile t takes conv columns 4t + 2e − padLeft + d, d < kernel: within [4t − 1, 4t + 3].
        int kernel = pool.KernelSize.Width, padLeft = pool.Padding.Left;
        int tiles = (convWidth + WinogradConvolution.Tile - 1) / WinogradConvolution.Tile;
        return padLeft <= 1 && kernel <= 2 + padLeft && pooledWidth <= 2 * tiles ? new TileColumnPool(kernel, padLeft, pooledWidth) : null;
    }

    /// <summary>What is left of <paramref name="pool"/> once the columns are pooled: its rows' window, stride, pads and rounding, one column wide.</summary>
    public static Pool2d RowPool(Pool2d pool) =>
        new MaxPool2d(new Size2(pool.KernelSize.Height, 1), new Size2(pool.Stride.Height, 1),
            new Borders(pool.Padding.Top, pool.Padding.Bottom, 0, 0), pool.CeilMode);
}
