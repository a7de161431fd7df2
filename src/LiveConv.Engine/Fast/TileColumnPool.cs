using System.Runtime.CompilerServices;
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

    /// <summary>
    /// For the last vector of tiles of a row (tiles from <paramref name="firstTile"/>): +∞ where a tile's column j
    /// (vector j) is in the row's <paramref name="width"/>, −∞ past it, so columns past the row never win a window.
    /// </summary>
    public static unsafe void InRow<TOps, TVec>(TVec* limits, int firstTile, int width)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        float* lanes = (float*)limits;
        for (int c = 0; c < WinogradConvolution.Tile; c++)
        {
            for (int t = 0; t < TOps.Count; t++)
            {
                lanes[(c * TOps.Count) + t] = (WinogradConvolution.Tile * (firstTile + t)) + c < width ? float.PositiveInfinity : float.NegativeInfinity;
            }
        }
    }

    /// <summary>
    /// A row of a vector of tiles' outputs <paramref name="y"/> (vector j: column j of each tile) pooled across its
    /// columns, in output order: <paramref name="lo"/> and <paramref name="hi"/> hold the 2·Count outputs of the vector's
    /// tiles. Output 2t + e of tile t takes the tile's columns 2e − PadLeft + d, d &lt; Kernel, column −1 being the last
    /// of the tile before (<paramref name="lastColumn"/> keeps it from vector to vector; −∞ at the row's
    /// <paramref name="first"/> vector). The last vector's columns past the row take −∞ from <paramref name="inRow"/>
    /// (<see cref="InRow"/>; null for the others).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Columns<TOps, TVec>(TVec* y, bool first, TVec* inRow, TVec* lastColumn, out TVec lo, out TVec hi)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        const int last = WinogradConvolution.Tile - 1;
        if (inRow != null)
        {
            for (int j = 0; j <= last; j++)
            {
                y[j] = TOps.Min(y[j], inRow[j]);
            }
        }

        TVec before = TOps.ShiftIn(first ? TOps.Broadcast(float.NegativeInfinity) : *lastColumn, y[last]);
        *lastColumn = y[last];
        TOps.Zip(WindowMax<TOps, TVec>(y, before, -PadLeft), WindowMax<TOps, TVec>(y, before, 2 - PadLeft), out lo, out hi);
    }

    /// <summary>The max of the tiles' columns [from, from + Kernel), column −1 being <paramref name="before"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe TVec WindowMax<TOps, TVec>(TVec* y, TVec before, int from)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec max = from < 0 ? before : y[from];
        for (int c = Math.Max(from + 1, 0); c < from + Kernel; c++)
        {
            max = TOps.Max(max, y[c]);
        }

        return max;
    }

    /// <summary>What is left of <paramref name="pool"/> once the columns are pooled: its rows' window, stride, pads and rounding, one column wide.</summary>
    public static Pool2d RowPool(Pool2d pool) =>
        new MaxPool2d(new Size2(pool.KernelSize.Height, 1), new Size2(pool.Stride.Height, 1),
            new Borders(pool.Padding.Top, pool.Padding.Bottom, 0, 0), pool.CeilMode);
}
