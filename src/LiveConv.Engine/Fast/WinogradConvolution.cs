using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// 3x3 stride-1 convolutions over many channels by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray, 2016):
/// a 4x4 tile of outputs takes 36 multiplies per channel and filter instead of 144. Per band, every channel's 6x6 input
/// tiles are transformed (V = Bᵀ d B); for each of the 36 points the channels are summed (M = Σ U·V, U = G g Gᵀ the
/// transformed weights) in registers, four vectors of tiles by six filters; then each filter's tiles are transformed
/// back (Y = Aᵀ M A), biased, activated and stored. A vector holds consecutive tiles of a tile row: permutes split a
/// row's columns into the tiles' six (<see cref="IVectorOps{TVec}.TileColumns"/>), and zips put the outputs back in
/// column order as they are stored. The results differ from the direct ones by rounding only, scaled by the transforms'
/// coefficients (up to 5 in, 8 out): ResNet-18's first two blocks come within 2.7e-6 of the output's largest magnitude
/// of ONNX Runtime's, the direct kernel within 1.4e-6.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class WinogradConvolution
{
    /// <summary>Output tile side.</summary>
    public const int Tile = 4;

    private const int InputTile = 6;
    private const int Points = InputTile * InputTile;

    private readonly SimdTier _tier;
    private readonly int _channels;
    private readonly int _width;
    private readonly int _tileColumns;
    private readonly int _rowTiles;
    private readonly int _chunk;
    private readonly int _rowStride;
    private readonly int _planeStride;
    private readonly int _segment;
    private readonly int _pointStride;
    private readonly PinnedArray<float>[] _transformed;
    private readonly PinnedArray<float>[] _products;

    /// <param name="channels">Input channels.</param>
    /// <param name="maxRows">The most conv rows a band has.</param>
    /// <param name="width">Conv output columns.</param>
    /// <param name="rowStride">The band buffer's row stride, with <see cref="Slack"/> columns past a padded row.</param>
    public WinogradConvolution(Conv2d conv, int channels, FoldedScaleShift folded, SimdTier tier, int maxRows, int width,
        int rowStride, int planeStride, int workers)
    {
        _tier = tier;
        _channels = channels;
        _width = width;
        int lanes = tier.Lanes();
        _tileColumns = (width + Tile - 1) / Tile;
        _rowTiles = (_tileColumns + lanes - 1) / lanes * lanes;
        _chunk = ChunkVectors(tier) * lanes;
        _rowStride = rowStride;
        _planeStride = planeStride;
        _segment = (Tiles(maxRows) + _chunk - 1) / _chunk * _chunk;

        // Points a multiple of 4 KiB apart would share one set of the L1 cache: the input transform stores all 36 at once.
        _pointStride = (_channels * _segment) + 16;

        Blocks = Pack(conv, folded, DirectConvolution.MaxFilters(tier));
        _transformed = new PinnedArray<float>[workers];
        _products = new PinnedArray<float>[workers];
        for (int w = 0; w < workers; w++)
        {
            _transformed[w] = new PinnedArray<float>(Points * _pointStride);
            _products[w] = new PinnedArray<float>(conv.Filters * Points * _segment);
        }
    }

    /// <summary>The filter blocks, weights [point][channel][filter], bias per filter.</summary>
    public FilterBlock[] Blocks { get; }

    /// <summary>Where the fast engine uses it: 3x3, stride 1, undilated, one group, with enough channels and filters that
    /// the transforms cost little beside the products they save, on maps at least half a vector of tiles wide (narrower,
    /// most lanes would hold no tile).</summary>
    public static bool Applies(Conv2d conv, int channels, int outputWidth, SimdTier tier) =>
        conv.KernelSize == Size2.Square(3) && conv.Stride == Size2.Square(1) && conv.Dilation == Size2.Square(1)
        && conv.Groups == 1 && channels >= 16 && conv.Filters >= 16 && 2 * outputWidth >= Tile * tier.Lanes();

    /// <summary>Columns past a padded row the tiles read: a vector of tiles' columns and the next vector.</summary>
    public static int Slack(SimdTier tier) => (5 * tier.Lanes()) + Tile;

    /// <summary>About how many bytes a band of <paramref name="rows"/> conv rows transforms its input tiles into.</summary>
    public static long TransformedBytes(int rows, int width, int channels) =>
        (long)Points * channels * (((rows + Tile - 1) / Tile) * ((width + Tile - 1) / Tile)) * sizeof(float);

    /// <summary>Band buffer rows the tiles of <paramref name="rows"/> conv rows read.</summary>
    public static int InputRows(int rows) => (((rows + Tile - 1) / Tile) * Tile) + 2;

    /// <summary>
    /// Transforms the band's input tiles, for <paramref name="rows"/> conv rows from the band buffer (whose rows past
    /// the <paramref name="filledRows"/> filled are cleared: the last tiles read them, and a stale value would leak into
    /// the valid outputs through the transform's rounding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform(int worker, float* buffer, int rows, int filledRows)
    {
        for (int c = 0; c < _channels; c++)
        {
            for (int r = filledRows; r < InputRows(rows); r++)
            {
                new Span<float>(buffer + ((long)c * _planeStride) + ((long)r * _rowStride), _rowStride).Clear();
            }
        }

        switch (_tier)
        {
            case SimdTier.Vector512: TransformInput<Vector512Ops, Vector512<float>>(worker, buffer, rows); break;
            case SimdTier.Vector256: TransformInput<Vector256Ops, Vector256<float>>(worker, buffer, rows); break;
            case SimdTier.Vector128: TransformInput<Vector128Ops, Vector128<float>>(worker, buffer, rows); break;
            default: TransformInput<ScalarOps, float>(worker, buffer, rows); break;
        }
    }

    /// <summary>
    /// The 36 products over the channels for every filter, point by point and chunk by chunk of tiles: a chunk's
    /// transformed tiles stay in the L1 cache while every filter block multiplies them.
    /// </summary>
    public void Multiply(int worker, int rows)
    {
        switch (_tier)
        {
            case SimdTier.Vector512: Multiply<Vector512Ops, Vector512<float>>(worker, rows); break;
            case SimdTier.Vector256: Multiply<Vector256Ops, Vector256<float>>(worker, rows); break;
            case SimdTier.Vector128: Multiply<Vector128Ops, Vector128<float>>(worker, rows); break;
            default: Multiply<ScalarOps, float>(worker, rows); break;
        }
    }

    /// <summary>One block's outputs from the products: conv rows [0, rows) to dest[f] + row · destRowStride.</summary>
    public void TransformBack(int worker, FilterBlock block, int rows, float** dest, int destRowStride, ActivationChain activations)
    {
        float* products = _products[worker].Pointer + ((long)block.FirstFilter * Points * _segment);
        switch (_tier)
        {
            case SimdTier.Vector512: TransformOutput<Vector512Ops, Vector512<float>>(products, block, rows, dest, destRowStride, activations); break;
            case SimdTier.Vector256: TransformOutput<Vector256Ops, Vector256<float>>(products, block, rows, dest, destRowStride, activations); break;
            case SimdTier.Vector128: TransformOutput<Vector128Ops, Vector128<float>>(products, block, rows, dest, destRowStride, activations); break;
            default: TransformOutput<ScalarOps, float>(products, block, rows, dest, destRowStride, activations); break;
        }
    }

    /// <summary>Vectors of tiles the products keep in registers beside six filters (AVX-512's 32 registers: 24 accumulators).</summary>
    private static int ChunkVectors(SimdTier tier) => tier == SimdTier.Vector512 ? 4 : 2;

    /// <summary>Tiles of a band of <paramref name="rows"/> conv rows, each tile row padded to whole vectors.</summary>
    private int Tiles(int rows) => ((rows + Tile - 1) / Tile) * _rowTiles;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformInput<TOps, TVec>(int worker, float* buffer, int rows)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        // Fields in locals: the stores through pointers would make the JIT reload them in the loops.
        int v = TOps.Count, tileRows = (rows + Tile - 1) / Tile, channels = _channels, chunk = _chunk, rowTiles = _rowTiles;
        long rowStride = _rowStride, planeStride = _planeStride;
        int pointStep = _pointStride / v;
        float* transformed = _transformed[worker].Pointer;
        float* d = stackalloc float[Points * v];
        TVec* columns = stackalloc TVec[Points];
        for (int ty = 0; ty < tileRows; ty++)
        {
            for (int tx = 0; tx < rowTiles; tx += v)
            {
                // Tiles of a chunk are [channel][tile], so the products read each chunk in order.
                int n = (ty * rowTiles) + tx;
                float* to = transformed + ((long)(n / chunk) * channels * chunk) + (n % chunk);
                float* src = buffer + (Tile * ty * rowStride) + (Tile * tx);
                for (int c = 0; c < channels; c++, src += planeStride, to += chunk)
                {
                    // The tiles' six columns of each of their six rows, Bᵀ down each column, then along each of the six
                    // rows that gives, straight to the six points of the row.
                    for (int r = 0; r < InputTile; r++)
                    {
                        TOps.TileColumns(src + (r * rowStride), d + (r * InputTile * v));
                    }

                    for (int s = 0; s < InputTile; s++)
                    {
                        float* column = d + (s * v);
                        int rowStep = InputTile * v;
                        InputRow<TOps, TVec>(TOps.Load(column), TOps.Load(column + rowStep), TOps.Load(column + (2 * rowStep)),
                            TOps.Load(column + (3 * rowStep)), TOps.Load(column + (4 * rowStep)), TOps.Load(column + (5 * rowStep)), columns + s, InputTile);
                    }

                    for (int i = 0; i < InputTile; i++)
                    {
                        TVec* row = columns + (i * InputTile);
                        InputRow<TOps, TVec>(row[0], row[1], row[2], row[3], row[4], row[5], (TVec*)to + (i * InputTile * pointStep), pointStep);
                    }
                }
            }
        }
    }

    /// <summary>Bᵀ of F(4, 3) on six values, to <paramref name="to"/>[0, step, ..., 5·step].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputRow<TOps, TVec>(TVec d0, TVec d1, TVec d2, TVec d3, TVec d4, TVec d5, TVec* to, int step)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec four = TOps.Broadcast(4f), minusFour = TOps.Broadcast(-4f), minusFive = TOps.Broadcast(-5f), two = TOps.Broadcast(2f);
        TVec a = TOps.MultiplyAdd(d2, minusFour, d4), b = TOps.MultiplyAdd(d1, minusFour, d3);
        TVec c = TOps.Subtract(d4, d2), e = TOps.Multiply(TOps.Subtract(d3, d1), two);
        to[0] = TOps.MultiplyAdd(d0, four, TOps.MultiplyAdd(d2, minusFive, d4));
        to[step] = TOps.Add(a, b);
        to[2 * step] = TOps.Subtract(a, b);
        to[3 * step] = TOps.Add(c, e);
        to[4 * step] = TOps.Subtract(c, e);
        to[5 * step] = TOps.MultiplyAdd(d1, four, TOps.MultiplyAdd(d3, minusFive, d5));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiply<TOps, TVec>(int worker, int rows)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        int tiles = Tiles(rows);
        long filterStride = (long)Points * _segment;
        for (int p = 0; p < Points; p++)
        {
            float* transformed = _transformed[worker].Pointer + ((long)p * _pointStride);
            for (int n = 0; n < tiles; n += _chunk)
            {
                float* x = transformed + ((long)(n / _chunk) * _channels * _chunk);
                int vectors = Math.Min(_chunk, tiles - n) / TOps.Count;
                foreach (var block in Blocks)
                {
                    float* u = block.Weights.Pointer + ((long)p * _channels * block.Count);
                    float* m = _products[worker].Pointer + (block.FirstFilter * filterStride) + ((long)p * _segment) + n;
                    switch (block.Count)
                    {
                        case 1: Products<TOps, TVec, Filters1>(x, u, m, filterStride, vectors); break;
                        case 2: Products<TOps, TVec, Filters2>(x, u, m, filterStride, vectors); break;
                        case 3: Products<TOps, TVec, Filters3>(x, u, m, filterStride, vectors); break;
                        case 4: Products<TOps, TVec, Filters4>(x, u, m, filterStride, vectors); break;
                        case 5: Products<TOps, TVec, Filters5>(x, u, m, filterStride, vectors); break;
                        default: Products<TOps, TVec, Filters6>(x, u, m, filterStride, vectors); break;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Products<TOps, TVec, TF>(float* x, float* u, float* m, long filterStride, int vectors)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TF : struct, IFilterCount
    {
        switch (vectors)
        {
            case 1: Products<TOps, TVec, TF, Columns1>(x, u, _channels, _chunk, m, filterStride); break;
            case 2: Products<TOps, TVec, TF, Columns2>(x, u, _channels, _chunk, m, filterStride); break;
            case 3: Products<TOps, TVec, TF, Columns3>(x, u, _channels, _chunk, m, filterStride); break;
            default: Products<TOps, TVec, TF, Columns4>(x, u, _channels, _chunk, m, filterStride); break;
        }
    }

    /// <summary>
    /// M = Σc U·V for up to six filters and four vectors of tiles, in registers: per channel, the tiles' four loads and
    /// a broadcast weight per filter, then every accumulator stored once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Products<TOps, TVec, TF, TC>(float* x, float* u, int channels, int chunk, float* m, long filterStride)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TF : struct, IFilterCount
        where TC : struct, IColumnCount
    {
        int v = TOps.Count;
        TVec a0 = TOps.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        TVec b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0;
        TVec c0 = a0, c1 = a0, c2 = a0, c3 = a0, c4 = a0, c5 = a0;
        TVec d0 = a0, d1 = a0, d2 = a0, d3 = a0, d4 = a0, d5 = a0;
        for (float* end = x + ((long)channels * chunk); x < end; x += chunk, u += TF.Value)
        {
            TVec x0 = TOps.Load(x);
            TVec x1 = TC.Value > 1 ? TOps.Load(x + v) : x0;
            TVec x2 = TC.Value > 2 ? TOps.Load(x + (2 * v)) : x0;
            TVec x3 = TC.Value > 3 ? TOps.Load(x + (3 * v)) : x0;
            Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[0]), ref a0, ref b0, ref c0, ref d0);
            if (TF.Value > 1)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[1]), ref a1, ref b1, ref c1, ref d1);
            }

            if (TF.Value > 2)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[2]), ref a2, ref b2, ref c2, ref d2);
            }

            if (TF.Value > 3)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[3]), ref a3, ref b3, ref c3, ref d3);
            }

            if (TF.Value > 4)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[4]), ref a4, ref b4, ref c4, ref d4);
            }

            if (TF.Value > 5)
            {
                Step<TOps, TVec, TC>(x0, x1, x2, x3, TOps.Broadcast(u[5]), ref a5, ref b5, ref c5, ref d5);
            }
        }

        Put<TOps, TVec, TC>(m, v, a0, b0, c0, d0);
        if (TF.Value > 1)
        {
            Put<TOps, TVec, TC>(m + filterStride, v, a1, b1, c1, d1);
        }

        if (TF.Value > 2)
        {
            Put<TOps, TVec, TC>(m + (2 * filterStride), v, a2, b2, c2, d2);
        }

        if (TF.Value > 3)
        {
            Put<TOps, TVec, TC>(m + (3 * filterStride), v, a3, b3, c3, d3);
        }

        if (TF.Value > 4)
        {
            Put<TOps, TVec, TC>(m + (4 * filterStride), v, a4, b4, c4, d4);
        }

        if (TF.Value > 5)
        {
            Put<TOps, TVec, TC>(m + (5 * filterStride), v, a5, b5, c5, d5);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TOps, TVec, TC>(TVec x0, TVec x1, TVec x2, TVec x3, TVec k, ref TVec a, ref TVec b, ref TVec c, ref TVec d)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TC : struct, IColumnCount
    {
        a = TOps.MultiplyAdd(x0, k, a);
        if (TC.Value > 1)
        {
            b = TOps.MultiplyAdd(x1, k, b);
        }

        if (TC.Value > 2)
        {
            c = TOps.MultiplyAdd(x2, k, c);
        }

        if (TC.Value > 3)
        {
            d = TOps.MultiplyAdd(x3, k, d);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TOps, TVec, TC>(float* m, int v, TVec a, TVec b, TVec c, TVec d)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
        where TC : struct, IColumnCount
    {
        TOps.Store(a, m);
        if (TC.Value > 1)
        {
            TOps.Store(b, m + v);
        }

        if (TC.Value > 2)
        {
            TOps.Store(c, m + (2 * v));
        }

        if (TC.Value > 3)
        {
            TOps.Store(d, m + (3 * v));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransformOutput<TOps, TVec>(float* products, FilterBlock block, int rows, float** dest, int destRowStride, ActivationChain activations)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        int v = TOps.Count, tileRows = (rows + Tile - 1) / Tile, rowTiles = _rowTiles, tileColumns = _tileColumns, width = _width;
        long segment = _segment, step = InputTile * segment;
        TVec* columns = stackalloc TVec[Tile * InputTile];
        TVec* y = stackalloc TVec[Tile];
        float* tail = stackalloc float[16];
        for (int f = 0; f < block.Count; f++)
        {
            float* from = products + (f * Points * segment);
            TVec bias = TOps.Broadcast(block.Bias.Pointer[f]);
            for (int ty = 0; ty < tileRows; ty++)
            {
                for (int tx = 0; tx < tileColumns; tx += v)
                {
                    // Aᵀ down each of the six point columns, then along each of the four rows that gives.
                    float* src = from + (ty * rowTiles) + tx;
                    for (int q = 0; q < InputTile; q++)
                    {
                        float* p = src + (q * segment);
                        OutputRow<TOps, TVec>(
                            TOps.Load(p), TOps.Load(p + step), TOps.Load(p + (2 * step)),
                            TOps.Load(p + (3 * step)), TOps.Load(p + (4 * step)), TOps.Load(p + (5 * step)),
                            columns + q, InputTile);
                    }

                    int x = Tile * tx, count = Math.Min(Tile * v, width - x);
                    for (int i = 0; i < Tile && (Tile * ty) + i < rows; i++)
                    {
                        TVec* row = columns + (i * InputTile);
                        OutputRow<TOps, TVec>(row[0], row[1], row[2], row[3], row[4], row[5], y, 1);
                        for (int j = 0; j < Tile; j++)
                        {
                            y[j] = activations.Apply<TOps, TVec>(TOps.Add(y[j], bias));
                        }

                        // Tile j's four columns side by side: zip columns 0 and 2, 1 and 3, then the two results.
                        TOps.Zip(y[0], y[2], out var even0, out var even1);
                        TOps.Zip(y[1], y[3], out var odd0, out var odd1);
                        float* d = dest[f] + ((long)((Tile * ty) + i) * destRowStride) + x;
                        TOps.Zip(even0, odd0, out var out0, out var out1);
                        TOps.Zip(even1, odd1, out var out2, out var out3);
                        StoreFirst<TOps, TVec>(out0, d, count, tail);
                        StoreFirst<TOps, TVec>(out1, d + v, count - v, tail);
                        StoreFirst<TOps, TVec>(out2, d + (2 * v), count - (2 * v), tail);
                        StoreFirst<TOps, TVec>(out3, d + (3 * v), count - (3 * v), tail);
                    }
                }
            }
        }
    }

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="value"/> (all of them, or none when count ≤ 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFirst<TOps, TVec>(TVec value, float* to, int count, float* tail)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        if (count >= TOps.Count)
        {
            TOps.Store(value, to);
        }
        else if (count > 0)
        {
            TOps.Store(value, tail);
            new Span<float>(tail, count).CopyTo(new Span<float>(to, count));
        }
    }

    /// <summary>Aᵀ of F(4, 3) on six values, to <paramref name="to"/>[0, step, 2·step, 3·step].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputRow<TOps, TVec>(TVec m0, TVec m1, TVec m2, TVec m3, TVec m4, TVec m5, TVec* to, int step)
        where TOps : struct, IVectorOps<TVec>
        where TVec : unmanaged
    {
        TVec s12 = TOps.Add(m1, m2), d12 = TOps.Subtract(m1, m2), s34 = TOps.Add(m3, m4), d34 = TOps.Subtract(m3, m4);
        to[0] = TOps.Add(TOps.Add(m0, s12), s34);
        to[step] = TOps.MultiplyAdd(d34, TOps.Broadcast(2f), d12);
        to[2 * step] = TOps.MultiplyAdd(s34, TOps.Broadcast(4f), s12);
        to[3 * step] = TOps.Add(TOps.MultiplyAdd(d34, TOps.Broadcast(8f), d12), m5);
    }

    /// <summary>U = G g Gᵀ for every filter and channel, in double and rounded once, packed per block [point][channel][filter].</summary>
    private FilterBlock[] Pack(Conv2d conv, FoldedScaleShift folded, int maxCount)
    {
        double[,] g =
        {
            { 1 / 4.0, 0, 0 },
            { -1 / 6.0, -1 / 6.0, -1 / 6.0 },
            { -1 / 6.0, 1 / 6.0, -1 / 6.0 },
            { 1 / 24.0, 1 / 12.0, 1 / 6.0 },
            { 1 / 24.0, -1 / 12.0, 1 / 6.0 },
            { 0, 0, 1 },
        };
        return FilterBlock.Split(conv, maxCount).Select(b =>
        {
            var weights = new PinnedArray<float>(Points * _channels * b.Count);
            var bias = new PinnedArray<float>(6);
            for (int f = 0; f < b.Count; f++)
            {
                int k = b.First + f;
                var kernel = conv.Kernels[k];
                bias.Array[f] = folded.Bias(k, kernel.Bias);
                for (int c = 0; c < _channels; c++)
                {
                    for (int i = 0; i < InputTile; i++)
                    {
                        for (int j = 0; j < InputTile; j++)
                        {
                            double u = 0;
                            for (int m = 0; m < 3; m++)
                            {
                                for (int n = 0; n < 3; n++)
                                {
                                    u += g[i, m] * folded.Weight(k, kernel.Weight(c, m, n)) * g[j, n];
                                }
                            }

                            weights.Array[(((((i * InputTile) + j) * _channels) + c) * b.Count) + f] = (float)u;
                        }
                    }
                }
            }

            return new FilterBlock(b.First, b.Count, weights, bias);
        }).ToArray();
    }
}
