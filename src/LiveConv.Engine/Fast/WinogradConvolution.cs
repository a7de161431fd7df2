using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Convolutions by Winograd's minimal filtering F(4x4, r x r) (Lavin and Gray, 2016): a 4x4 tile of outputs from an
/// α x α tile of inputs (α = r + 3) takes α² multiplies per channel and filter instead of 16·r². 3x3 kernels use
/// F(4x4, 3x3) (36 instead of 144). A stride-2 kernel of side k is four stride-1 kernels of side r = ⌈k/2⌉ over the
/// input's four row and column phases, so ResNet's 7x7/2 stem is F(4x4, 4x4) over 3 · 4 phase channels (49 multiplies
/// per 16 outputs and phase channel, 588 per 16 outputs instead of 2352).
/// Per band, every (phase) channel's input tiles are transformed (V = Bᵀ d B); for each of the α² points the channels
/// are summed (M = Σ U·V, U = G g Gᵀ the transformed weights) in registers, four vectors of tiles by six filters; then
/// each filter's tiles are transformed back (Y = Aᵀ M A), biased, activated and stored. A vector holds consecutive tiles
/// of a tile row: permutes split a row's columns into the tiles' α (<see cref="IVectorOps{TVec}.TileColumns"/>), and
/// zips put the outputs back in column order as they are stored. The results differ from the direct ones by rounding
/// only, scaled by the transforms' coefficients: ResNet-18 through its first two blocks comes within 2.8e-6 of the
/// output's largest magnitude of ONNX Runtime's, the direct kernel within 1.4e-6.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class WinogradConvolution
{
    /// <summary>Output tile side.</summary>
    public const int Tile = 4;

    /// <summary>Columns <see cref="IVectorOps{TVec}.TileColumns"/> writes per row.</summary>
    private const int SplitColumns = 7;

    /// <summary>
    /// The products of as many filter blocks at once as fit (each point's transformed tiles are read once per pass,
    /// staying in L1 while its blocks multiply them), at least one (at 720p the stem's 6 filters of 49 points on a
    /// segment of 192 tiles take 225 KB). Small enough that the band's working set stays in L2: ResNet's blocks on
    /// 160x90 maps (a 64-tile segment at AVX-512) keep 3 of their 11 blocks' products (166 KB) at once, and W6 took 8%
    /// less than with all 64 filters' (590 KB) at once (9% with 256 KB, 4 blocks).
    /// </summary>
    private const int ProductsBudgetBytes = 192 * 1024;

    private readonly SimdTier _tier;
    private readonly bool _large;
    private readonly int _alpha;
    private readonly int _points;
    private readonly int _stride;
    private readonly int _channels;
    private readonly int _width;
    private readonly int _tileColumns;
    private readonly int _rowTiles;
    private readonly int _chunk;
    private readonly int _rowStride;
    private readonly int _planes;
    private readonly int _planeStride;
    private readonly int _segment;
    private readonly int _pointStride;

    /// <summary>Filter blocks whose products are made in one pass over the transformed tiles.</summary>
    private readonly int _passBlocks;
    private readonly PinnedArray<int> _channelOffsets;
    private readonly PinnedArray<float>[] _transformed;

    /// <summary>
    /// Per worker, [filter][vector of tiles][point][tile]: a vector's α² points lie together, so transforming it back
    /// reads one run of memory instead of α² lines a segment apart (W5 about 3% faster in the same process).
    /// </summary>
    private readonly PinnedArray<float>[] _products;

    /// <summary>Per worker: the band buffer's rows from here on are zero (the filler writes only the rows a band needs).</summary>
    private readonly int[] _writtenRows;

    /// <param name="channels">Input channels.</param>
    /// <param name="maxRows">The most conv rows a band has.</param>
    /// <param name="width">Conv output columns.</param>
    /// <param name="rowStride">The band buffer's row stride (two column phases for stride 2), with <see cref="Slack"/> columns past each phase.</param>
    public WinogradConvolution(Conv2d conv, int channels, FoldedScaleShift folded, SimdTier tier, int maxRows, int width,
        int rowStride, int planeStride, int phaseStride, int workers)
    {
        _tier = tier;
        _stride = conv.Stride.Height;
        _large = TapsOf(conv) == WinogradF44.Taps;
        _alpha = _large ? WinogradF44.Alpha : WinogradF43.Alpha;
        _points = _alpha * _alpha;
        _channels = channels * _stride * _stride;
        _width = width;
        int lanes = tier.Lanes();
        _tileColumns = (width + Tile - 1) / Tile;
        _rowTiles = (_tileColumns + lanes - 1) / lanes * lanes;
        _chunk = ChunkVectors(tier) * lanes;
        _rowStride = rowStride;
        _planes = channels;
        _planeStride = planeStride;
        _segment = (Tiles(maxRows) + _chunk - 1) / _chunk * _chunk;

        // Points a multiple of 4 KiB apart would share one set of the L1 cache: the input transform stores all at once.
        _pointStride = (_channels * _segment) + 16;

        // Phase channel (c, row phase, column phase): where its first row and column are in the band buffer.
        _channelOffsets = new PinnedArray<int>(_channels);
        for (int k = 0; k < _channels; k++)
        {
            int c = k / (_stride * _stride), p = k / _stride % _stride, q = k % _stride;
            _channelOffsets.Span[k] = (c * planeStride) + (p * rowStride) + (q * phaseStride);
        }

        Blocks = WinogradWeights.Pack(conv, _channels, folded, DirectConvolution.MaxFilters(tier));
        long blockBytes = (long)DirectConvolution.MaxFilters(tier) * _points * _segment * sizeof(float);
        _passBlocks = (int)Math.Clamp(ProductsBudgetBytes / blockBytes, 1, Blocks.Length);
        int productFilters = Math.Min(conv.Filters, _passBlocks * DirectConvolution.MaxFilters(tier));
        _transformed = new PinnedArray<float>[workers];
        _products = new PinnedArray<float>[workers];
        _writtenRows = new int[workers];
        for (int w = 0; w < workers; w++)
        {
            _transformed[w] = new PinnedArray<float>(_points * _pointStride);
            _products[w] = new PinnedArray<float>(productFilters * _points * _segment);
        }
    }

    /// <summary>The filter blocks, weights [point][phase channel][filter], bias per filter.</summary>
    public FilterBlock[] Blocks { get; }

    /// <summary>
    /// Where the fast engine uses it: square kernels of 3 or 4 taps per phase (3x3 and 4x4 at stride 1, 5x5 to 8x8 at
    /// stride 2), undilated, one group, with enough (phase) channels and filters that the transforms cost little beside
    /// the products they save, on maps at least half a vector of tiles wide (narrower, most lanes would hold no tile).
    /// </summary>
    public static bool Applies(Conv2d conv, int channels, int outputWidth, SimdTier tier) =>
        conv.KernelSize.Height == conv.KernelSize.Width && conv.Stride.Height == conv.Stride.Width && conv.Stride.Height <= 2
        && TapsOf(conv) is 3 or 4 && conv.Dilation == Size2.Square(1) && conv.Groups == 1
        && channels * conv.Stride.Height * conv.Stride.Height >= 12 && conv.Filters >= 16 && 2 * outputWidth >= Tile * tier.Lanes();

    /// <summary>Columns past a padded row (past each phase) the tiles read: a vector of tiles' columns and the next vector.</summary>
    public static int Slack(SimdTier tier) => (5 * tier.Lanes()) + Tile;

    /// <summary>About how many bytes a band of <paramref name="rows"/> conv rows transforms its input tiles into.</summary>
    public static long TransformedBytes(Conv2d conv, int channels, int rows, int width)
    {
        int alpha = TapsOf(conv) + Tile - 1;
        return (long)alpha * alpha * channels * conv.Stride.Height * conv.Stride.Height
            * (((rows + Tile - 1) / Tile) * ((width + Tile - 1) / Tile)) * sizeof(float);
    }

    /// <summary>Band buffer rows (padded input rows) the tiles of <paramref name="rows"/> conv rows read.</summary>
    public static int InputRows(Conv2d conv, int rows) => InputRows(conv.Stride.Height, TapsOf(conv) + Tile - 1, rows);

    /// <summary>
    /// Transforms the band's input tiles, for <paramref name="rows"/> conv rows from the band buffer. The last tiles
    /// read past the <paramref name="filledRows"/> filled rows; those rows must be zero, as a stale value would leak into
    /// the valid outputs through the transform's rounding (and a frame's result would depend on the one before), so
    /// the ones an earlier, taller band filled are cleared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform(int worker, float* buffer, int rows, int filledRows)
    {
        int inputRows = InputRows(_stride, _alpha, rows), written = _writtenRows[worker];
        for (int c = 0; c < _planes; c++)
        {
            for (int r = filledRows; r < Math.Min(inputRows, written); r++)
            {
                new Span<float>(buffer + ((long)c * _planeStride) + ((long)r * _rowStride), _rowStride).Clear();
            }
        }

        _writtenRows[worker] = written > inputRows ? written : filledRows;

        switch (_tier, _large)
        {
            case (SimdTier.Vector512, false): TransformInput<Vector512Ops, Vector512<float>, WinogradF43>(worker, buffer, rows); break;
            case (SimdTier.Vector512, true): TransformInput<Vector512Ops, Vector512<float>, WinogradF44>(worker, buffer, rows); break;
            case (SimdTier.Vector256, false): TransformInput<Vector256Ops, Vector256<float>, WinogradF43>(worker, buffer, rows); break;
            case (SimdTier.Vector256, true): TransformInput<Vector256Ops, Vector256<float>, WinogradF44>(worker, buffer, rows); break;
            case (SimdTier.Vector128, false): TransformInput<Vector128Ops, Vector128<float>, WinogradF43>(worker, buffer, rows); break;
            case (SimdTier.Vector128, true): TransformInput<Vector128Ops, Vector128<float>, WinogradF44>(worker, buffer, rows); break;
            case (_, false): TransformInput<ScalarOps, float, WinogradF43>(worker, buffer, rows); break;
            default: TransformInput<ScalarOps, float, WinogradF44>(worker, buffer, rows); break;
        }
    }

    /// <summary>
    /// Block <paramref name="index"/>'s outputs from the products: conv rows [0, rows) to dest[f] + row · destRowStride,
    /// or with <paramref name="columnPool"/> each row's pooled columns instead. Blocks come in order; the first of each
    /// pass makes the pass's products.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TransformBack(int worker, int index, int rows, float** dest, int destRowStride, ActivationChain activations,
        TileColumnPool? columnPool)
    {
        var block = Blocks[index];
        int first = index / _passBlocks * _passBlocks;
        if (index == first)
        {
            Multiply(worker, rows, Blocks.AsSpan(first, Math.Min(_passBlocks, Blocks.Length - first)));
        }

        float* products = _products[worker].Pointer + ((long)(block.FirstFilter - Blocks[first].FirstFilter) * _points * _segment);
        switch (_tier, _large)
        {
            case (SimdTier.Vector512, false): TransformOutput<Vector512Ops, Vector512<float>, WinogradF43>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (SimdTier.Vector512, true): TransformOutput<Vector512Ops, Vector512<float>, WinogradF44>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (SimdTier.Vector256, false): TransformOutput<Vector256Ops, Vector256<float>, WinogradF43>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (SimdTier.Vector256, true): TransformOutput<Vector256Ops, Vector256<float>, WinogradF44>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (SimdTier.Vector128, false): TransformOutput<Vector128Ops, Vector128<float>, WinogradF43>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (SimdTier.Vector128, true): TransformOutput<Vector128Ops, Vector128<float>, WinogradF44>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            case (_, false): TransformOutput<ScalarOps, float, WinogradF43>(products, block, rows, dest, destRowStride, activations, columnPool); break;
            default: TransformOutput<ScalarOps, float, WinogradF44>(products, block, rows, dest, destRowStride, activations, columnPool); break;
        }
    }

    /// <summary>The tiles' rows of X (α − 1 past each tile row's four) at the stride: ⌈rows / 4⌉ tile rows.</summary>
    private static int InputRows(int stride, int alpha, int rows) => stride * ((((rows + Tile - 1) / Tile) * Tile) + alpha - 1);

    /// <summary>Taps per phase of a kernel row: ⌈k / stride⌉.</summary>
    public static int TapsOf(Conv2d conv) => (conv.KernelSize.Height + conv.Stride.Height - 1) / conv.Stride.Height;

    /// <summary>Vectors of tiles the products keep in registers beside six filters (AVX-512's 32 registers: 24 accumulators).</summary>
    private static int ChunkVectors(SimdTier tier) => tier == SimdTier.Vector512 ? 4 : 2;

    /// <summary>Tiles of a band of <paramref name="rows"/> conv rows, each tile row padded to whole vectors.</summary>
    private int Tiles(int rows) => ((rows + Tile - 1) / Tile) * _rowTiles;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformInput<TOps, TVec, TW>(int worker, float* buffer, int rows)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TW : struct, IWinogradTransform
    {
        // Fields in locals: the stores through pointers would make the JIT reload them in the loops.
        int v = TOps.Count, alpha = TW.Alpha, tileRows = (rows + Tile - 1) / Tile, channels = _channels, chunk = _chunk, rowTiles = _rowTiles;
        long rowStep = (long)_stride * _rowStride;
        int pointStep = _pointStride / v;
        int* offsets = _channelOffsets.Pointer;
        float* transformed = _transformed[worker].Pointer;
        TVec* split = stackalloc TVec[SplitColumns * SplitColumns];
        TVec* columns = stackalloc TVec[SplitColumns * SplitColumns];
        for (int ty = 0; ty < tileRows; ty++)
        {
            for (int tx = 0; tx < rowTiles; tx += v)
            {
                // Tiles of a chunk are [channel][tile], so the products read each chunk in order.
                int n = (ty * rowTiles) + tx;
                float* to = transformed + ((long)(n / chunk) * channels * chunk) + (n % chunk);
                float* tiles = buffer + (Tile * ty * rowStep) + (Tile * tx);
                for (int k = 0; k < channels; k++, to += chunk)
                {
                    // The tiles' α columns of each of their α rows, Bᵀ down each column, then along each of the rows
                    // that gives, straight to the row's points.
                    float* src = tiles + offsets[k];
                    for (int r = 0; r < alpha; r++)
                    {
                        TOps.TileColumns(src + (r * rowStep), (float*)(split + (r * SplitColumns)));
                    }

                    for (int s = 0; s < alpha; s++)
                    {
                        TW.Input<TOps, TVec>(split + s, SplitColumns, columns + s, alpha);
                    }

                    for (int i = 0; i < alpha; i++)
                    {
                        TW.Input<TOps, TVec>(columns + (i * alpha), 1, (TVec*)to + (i * alpha * pointStep), pointStep);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The products over the channels, point by point and chunk by chunk of tiles, for a pass's blocks (a chunk's
    /// transformed tiles stay in L1 while each block multiplies them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiply(int worker, int rows, ReadOnlySpan<FilterBlock> blocks)
    {
        switch (_tier)
        {
            case SimdTier.Vector512: Multiply<Vector512Ops, Vector512<float>>(worker, rows, blocks); break;
            case SimdTier.Vector256: Multiply<Vector256Ops, Vector256<float>>(worker, rows, blocks); break;
            case SimdTier.Vector128: Multiply<Vector128Ops, Vector128<float>>(worker, rows, blocks); break;
            default: Multiply<ScalarOps, float>(worker, rows, blocks); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiply<TOps, TVec>(int worker, int rows, ReadOnlySpan<FilterBlock> blocks)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        int tiles = Tiles(rows), firstFilter = blocks[0].FirstFilter;
        long filterStride = (long)_points * _segment;
        for (int p = 0; p < _points; p++)
        {
            float* transformed = _transformed[worker].Pointer + ((long)p * _pointStride);
            for (int n = 0; n < tiles; n += _chunk)
            {
                float* x = transformed + ((long)(n / _chunk) * _channels * _chunk);
                int vectors = Math.Min(_chunk, tiles - n) / TOps.Count;
                foreach (var block in blocks)
                {
                    float* u = block.Weights.Pointer + ((long)p * _channels * block.Count);
                    float* m = _products[worker].Pointer + ((block.FirstFilter - firstFilter) * filterStride) + ((long)(n / TOps.Count) * _points * TOps.Count) + (p * TOps.Count);
                    WinogradProducts.Run<TOps, TVec>(x, u, _channels, _chunk, m, filterStride, _points * TOps.Count, block.Count, vectors);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformOutput<TOps, TVec, TW>(float* products, FilterBlock block, int rows, float** dest, int destRowStride, ActivationChain activations,
        TileColumnPool? columnPool)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TW : struct, IWinogradTransform
    {
        int v = TOps.Count, alpha = TW.Alpha, tileRows = (rows + Tile - 1) / Tile, rowTiles = _rowTiles, tileColumns = _tileColumns, width = _width;
        int points = _points;
        long filterStride = (long)_points * _segment;
        TVec* columns = stackalloc TVec[Tile * SplitColumns];
        TVec* y = stackalloc TVec[Tile];
        TVec* lastColumns = stackalloc TVec[Tile];
        TVec* inRow = stackalloc TVec[Tile];
        float* tail = stackalloc float[16];
        int lastVector = (tileColumns - 1) / v * v;
        if (columnPool is not null)
        {
            TileColumnPool.InRow<TOps, TVec>(inRow, lastVector, width);
        }

        for (int f = 0; f < block.Count; f++)
        {
            float* from = products + (f * filterStride);
            TVec bias = TOps.Broadcast(block.Bias.Pointer[f]);
            for (int ty = 0; ty < tileRows; ty++)
            {
                for (int tx = 0; tx < tileColumns; tx += v)
                {
                    // Aᵀ down each of the point columns, then along each of the four rows that gives.
                    TVec* src = (TVec*)from + ((((ty * rowTiles) + tx) / v) * points);
                    for (int q = 0; q < alpha; q++)
                    {
                        TW.Output<TOps, TVec>(src + q, alpha, columns + q, alpha);
                    }

                    int x = Tile * tx, count = Math.Min(Tile * v, width - x);
                    for (int i = 0; i < Tile && (Tile * ty) + i < rows; i++)
                    {
                        TW.Output<TOps, TVec>(columns + (i * alpha), 1, y, 1);
                        for (int j = 0; j < Tile; j++)
                        {
                            y[j] = activations.Apply<TOps, TVec>(TOps.Add(y[j], bias));
                        }

                        float* d = dest[f] + ((long)((Tile * ty) + i) * destRowStride);
                        if (columnPool is { } pool)
                        {
                            pool.Columns<TOps, TVec>(y, tx == 0, tx == lastVector ? inRow : null, lastColumns + i, out var lo, out var hi);
                            StoreColumns<TOps, TVec>(lo, d + (2 * tx), pool.Width - (2 * tx), tail);
                            StoreColumns<TOps, TVec>(hi, d + (2 * tx) + v, pool.Width - (2 * tx) - v, tail);
                            continue;
                        }

                        // Tile j's four columns side by side: zip columns 0 and 2, 1 and 3, then the two results.
                        TOps.Zip(y[0], y[2], out var even0, out var even1);
                        TOps.Zip(y[1], y[3], out var odd0, out var odd1);
                        d += x;
                        TOps.Zip(even0, odd0, out var out0, out var out1);
                        TOps.Zip(even1, odd1, out var out2, out var out3);
                        StoreColumns<TOps, TVec>(out0, d, count, tail);
                        StoreColumns<TOps, TVec>(out1, d + v, count - v, tail);
                        StoreColumns<TOps, TVec>(out2, d + (2 * v), count - (2 * v), tail);
                        StoreColumns<TOps, TVec>(out3, d + (3 * v), count - (3 * v), tail);
                    }
                }
            }
        }
    }

    /// <summary>A vector of output columns, of which the first <paramref name="count"/> (all, some or none) are in the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumns<TOps, TVec>(TVec value, float* to, int count, float* tail)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        if (count > 0)
        {
            DirectConvolution.Emit<TOps, TVec>(value, to, Math.Min(count, TOps.Count), tail);
        }
    }
}
