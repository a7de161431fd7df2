using System.Runtime.CompilerServices;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Runs one <see cref="LayerGroup"/> band by band: fill the band's padded input rows (from the frame or the previous
/// tensor), convolve, apply the activations and pool, and write the band of the group's output. Paths, chosen once
/// here: the direct kernel for every convolution, or Winograd's F(4x4, r x r) for square ones of 3 or 4 taps per phase
/// over many channels (the general scalar one when fast paths are off); channel sum (all kernels 2D, groups 1: one plane
/// instead of C); fused 2x2/2 max pooling in the direct kernel's registers, else pooling from a conv buffer (two-pass
/// SIMD max pooling when undilated) that holds one filter block's maps, each block pooled as soon as it is computed (the
/// whole band's maps when steps before the pool need them all); after Winograd, a max pooling at column stride 2 takes
/// its columns on the tiles (<see cref="TileColumnPool"/>), the buffer holding pooled columns. A max pooling window that
/// straddles two bands is pooled in two parts, one per band, merged after the last band, so no conv row is computed
/// twice. Every buffer is allocated here, per worker, so a frame allocates nothing.
/// </summary>
internal sealed unsafe class GroupStage : IBandWork
{
    private const int BandBudgetBytes = 256 * 1024;

    /// <summary>
    /// With a pool after the conv, a band's input rows overlap the next band's, and where windows cannot be carried over
    /// (average pooling, steps after the pool) its conv rows too (ResNet's stem: 5 conv rows, computed as 3 pairs, for
    /// every 2 pooled rows at the base budget). Taller bands cost less than the L2 misses they risk: at 768 KiB the
    /// stem's bands hold 9 pooled rows, and its frame took about a quarter less (measured before rows were carried).
    /// </summary>
    private const int PooledBandBudgetBytes = 768 * 1024;
    private const int MinWorkPerBand = 32 * 1024;

    /// <summary>
    /// A Winograd band's input rows and transformed tiles; its products take at most 192 KB more, and the transformed
    /// weights stay in L2 from band to band. ResNet's 64-channel convs on 160x90 maps: bands of one row of tiles (this
    /// budget) ran W6 in 16.5 ms, bands of two (1.75 MiB) in 17.5 ms (measured with all filters' products at once).
    /// </summary>
    private const int WinogradBandBudgetBytes = 768 * 1024;

    private readonly LayerGroup _group;
    private readonly SimdTier _tier;
    private readonly BandFiller _filler;
    private readonly Conv2d? _conv;
    private readonly Pool2d? _pool;
    private readonly bool _direct;
    private readonly WinogradConvolution? _winograd;
    private readonly bool _fastPaths;
    private readonly bool _fusedPool;
    private readonly bool _poolPerBlock;
    private readonly TileColumnPool? _columnPool;
    private readonly Pool2d? _bandPool;
    private readonly int _poolInputWidth;
    private readonly int _carriedRows;
    private readonly int _rowsPerBand;
    private readonly int _phaseStride;
    private readonly int _bufferRowStride;
    private readonly int _rowStep;
    private readonly int _bufferPlaneStride;
    private readonly int _convPlaneStride;
    private readonly int _channelsPerGroup;
    private readonly int _filtersPerGroup;
    private readonly PinnedArray<int> _taps;
    private readonly PinnedArray<float> _generalWeights;
    private readonly PinnedArray<float> _generalBias;
    private readonly FilterBlock[] _blocks;
    private readonly PinnedArray<float>[] _inputBuffers;
    private readonly PinnedArray<float>[] _rowScratch;
    private readonly PinnedArray<float>[] _convBuffers;
    private readonly PinnedArray<float> _carry;
    private readonly float* _output;

    /// <param name="fromFrame">The group reads the 8-bit frame (so the input's normalization applies), not a tensor.</param>
    public GroupStage(LayerGroup group, float* outputData, InputSpec spec, bool fromFrame, SimdTier tier, bool fastPaths, int workers)
    {
        _group = group;
        _tier = tier;
        _conv = group.Conv;
        _pool = group.Pool;
        _output = outputData;
        var input = group.Input;
        var conv = _conv;
        var pad = group.Pad;
        var borders = conv?.Borders ?? pad?.Borders ?? default;
        var mode = conv?.PaddingMode ?? pad?.PaddingMode ?? PaddingMode.Zeros;
        float padValue = pad is { Mode: PadMode.Constant } ? pad.Value : 0f;

        // Normalized channels differ by more than a common factor, so their sum is no longer one plane's worth.
        bool sum = fastPaths && conv is { Groups: 1 } && input.Channels > 1 && conv.Kernels.All(k => k.Depth is null)
            && !(fromFrame && spec.Normalizes);
        _direct = fastPaths && conv is not null;
        bool winograd = _direct && !sum && WinogradConvolution.Applies(conv!, input.Channels, group.ConvOutput.Width, tier);
        int phases = conv?.Stride.Width ?? 1;
        _filler = new BandFiller(input, borders, mode, padValue, sum, spec, tier != SimdTier.Scalar, phases);
        _fastPaths = fastPaths;
        _fusedPool = _direct && !winograd && _pool is MaxPool2d && _pool.KernelSize == Size2.Square(2) && _pool.Stride == Size2.Square(2)
            && _pool.Padding == default && _pool.Dilation == Size2.Square(1) && group.PreSteps.IsEmpty
            && group.Output.Height == group.ConvOutput.Height / 2 && group.Output.Width == group.ConvOutput.Width / 2;

        // Pooling each filter block's maps as soon as they are computed keeps the conv buffer at one block's maps, so
        // bands can be taller (fewer conv rows recomputed at band edges) and stay in L2. Steps before the pool need every
        // map, so with steps there the whole band is pooled at once.
        _poolPerBlock = _direct && _pool is not null && !_fusedPool && group.PreSteps.IsEmpty;

        // Winograd's tiles pool their own columns where the windows allow it; the conv buffer then holds pooled columns
        // and the band pools their rows.
        _columnPool = winograd && _poolPerBlock ? TileColumnPool.Of(_pool, group.ConvOutput.Width, group.Output.Width) : null;
        _bandPool = _columnPool is null ? _pool : TileColumnPool.RowPool(_pool!);
        _poolInputWidth = _columnPool?.Width ?? group.ConvOutput.Width;

        // Slack past each phase: vector tails read up to two vectors (pooled) beyond the last valid column.
        _phaseStride = _filler.PhaseStride(winograd ? WinogradConvolution.Slack(tier) : 48);
        _bufferRowStride = phases * _phaseStride;
        _rowStep = (conv?.Stride.Height ?? 1) * _bufferRowStride;
        int taps = conv is null ? 0 : (sum ? 1 : input.Channels / conv.Groups) * conv.KernelSize.Height * conv.KernelSize.Width;
        _rowsPerBand = ChooseRowsPerBand(workers, Math.Max(taps, 1), winograd);
        BandCount = (group.Output.Height + _rowsPerBand - 1) / _rowsPerBand;
        _carriedRows = ChooseCarriedRows();
        Completion = _carriedRows > 0 ? new ChannelCompletion(this) : null;
        _carry = new PinnedArray<float>(BandCount * _carriedRows * group.Output.Channels * group.Output.Width);

        // Slack rows: the kernels compute output rows in pairs, Winograd's in fours.
        int convRows = ConvRows(_rowsPerBand);
        _bufferPlaneStride = (winograd ? WinogradConvolution.InputRows(conv!, convRows) : InputRows(_rowsPerBand) + (conv?.Stride.Height ?? 1))
            * _bufferRowStride;
        _convPlaneStride = convRows * _poolInputWidth;
        bool convBuffer = conv is not null && _pool is not null && !_fusedPool;
        _inputBuffers = new PinnedArray<float>[workers];
        _rowScratch = new PinnedArray<float>[phases > 1 ? workers : 0];
        _convBuffers = new PinnedArray<float>[convBuffer ? workers : 0];
        for (int w = 0; w < workers; w++)
        {
            _inputBuffers[w] = new PinnedArray<float>((_filler.Planes * _bufferPlaneStride) + _bufferRowStride + 64);
            if (phases > 1)
            {
                _rowScratch[w] = new PinnedArray<float>(_filler.Planes * _filler.PaddedWidth);
            }

            if (convBuffer)
            {
                int maps = _poolPerBlock ? DirectConvolution.MaxFilters(tier) : group.ConvOutput.Channels;
                _convBuffers[w] = new PinnedArray<float>(maps * _convPlaneStride);
            }
        }

        _channelsPerGroup = conv is null ? 0 : sum ? 1 : input.Channels / conv.Groups;
        _filtersPerGroup = conv is null ? 0 : conv.Filters / conv.Groups;
        _taps = new PinnedArray<int>(taps);
        _generalWeights = new PinnedArray<float>(conv is null ? 0 : conv.Filters * taps);
        _generalBias = new PinnedArray<float>(conv?.Filters ?? 0);
        _blocks = [];
        if (conv is not null)
        {
            var folded = FoldedScaleShift.Of(conv.Filters, group.Folded);
            PackTaps(conv, taps, folded);
            _winograd = winograd
                ? new WinogradConvolution(conv, input.Channels, folded, tier, convRows, group.ConvOutput.Width, _bufferRowStride, _bufferPlaneStride, _phaseStride, workers)
                : null;
            _blocks = _winograd?.Blocks ?? (_direct ? FilterBlock.Pack(conv, _channelsPerGroup, DirectConvolution.MaxFilters(tier), folded) : []);
        }
    }

    public float* OutputPointer => _output;

    public int BandCount { get; }

    public BandFiller Filler => _filler;

    /// <summary>Pooled rows per band boundary whose windows two bands share (0: bands recompute the conv rows they share).</summary>
    public int CarriedRows => _carriedRows;

    /// <summary>Whether the conv runs as Winograd's F(4x4, r x r).</summary>
    public bool Winograd => _winograd is not null;

    /// <summary>Whether Winograd's tiles pool their columns (<see cref="TileColumnPool"/>).</summary>
    public bool PoolsTileColumns => _columnPool is not null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunBand(int band, int worker)
    {
        int o0 = band * _rowsPerBand, o1 = Math.Min(_group.Output.Height, o0 + _rowsPerBand);
        var (c0, c1) = ConvRowRange(o0, o1);
        float* buffer = _inputBuffers[worker].Pointer;
        float* rowScratch = _rowScratch.Length > 0 ? _rowScratch[worker].Pointer : null;
        var conv = _conv;
        var convShape = _group.ConvOutput;
        var outShape = _group.Output;
        int outPlane = outShape.PlaneLength;
        if (conv is null)
        {
            _filler.Fill(buffer, _bufferRowStride, _bufferPlaneStride, _phaseStride, rowScratch, c0, c1 - c0);
            RunWithoutConv(buffer, c0, c1, o0, o1);
        }
        else
        {
            int firstPadded = c0 * conv.Stride.Height;
            _filler.Fill(buffer, _bufferRowStride, _bufferPlaneStride, _phaseStride, rowScratch, firstPadded, InputRowsFor(c1 - c0));
            _winograd?.Transform(worker, buffer, c1 - c0, InputRowsFor(c1 - c0));
            float* convOut = _pool is null || _fusedPool ? null : _convBuffers[worker].Pointer;
            float** dest = stackalloc float*[6];
            if (_direct)
            {
                RunDirect(band, worker, buffer, c0, c1, o0, o1, convOut, dest);
            }
            else
            {
                for (int k = 0; k < conv.Filters; k++)
                {
                    int g = k / _filtersPerGroup;
                    float* d = convOut is null ? _output + ((long)k * outPlane) + ((long)c0 * convShape.Width) : convOut + ((long)k * _convPlaneStride);
                    GeneralConvolution.Run(
                        buffer + ((long)g * _channelsPerGroup * _bufferPlaneStride), _rowStep, _taps.Pointer,
                        _generalWeights.Pointer + ((long)k * _taps.Length), _taps.Length, _generalBias.Pointer[k],
                        c1 - c0, convShape.Width, d, convShape.Width, _group.KernelActivations);
                }
            }

            if (convOut is null)
            {
                _group.PreSteps.Apply(_tier, _output + ((long)c0 * convShape.Width), outPlane, convShape.Width, convShape.Channels,
                    c0, c1 - c0, convShape.Height, convShape.Width);
            }
            else if (!_poolPerBlock)
            {
                _group.PreSteps.Apply(_tier, convOut, _convPlaneStride, convShape.Width, convShape.Channels, c0, c1 - c0,
                    convShape.Height, convShape.Width);
                Pool(convOut, convShape.Width, _convPlaneStride, c0, convShape, 0, convShape.Channels, o0, o1);
            }
        }

        _group.PostSteps.Apply(_tier, _output + ((long)o0 * outShape.Width), outPlane, outShape.Width, outShape.Channels, o0, o1 - o0,
            outShape.Height, outShape.Width);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunDirect(int band, int worker, float* buffer, int c0, int c1, int o0, int o1, float* convOut, float** dest)
    {
        var convShape = _group.ConvOutput;
        var outShape = _group.Output;
        for (int b = 0; b < _blocks.Length; b++)
        {
            var block = _blocks[b];
            for (int f = 0; f < block.Count; f++)
            {
                int k = block.FirstFilter + f;
                dest[f] = _fusedPool ? _output + ((long)k * outShape.PlaneLength) + ((long)o0 * outShape.Width)
                    : convOut is null ? _output + ((long)k * outShape.PlaneLength) + ((long)c0 * convShape.Width)
                    : convOut + ((long)(_poolPerBlock ? f : k) * _convPlaneStride);
            }

            if (_winograd is not null)
            {
                _winograd.TransformBack(worker, b, c1 - c0, dest, convOut is null ? convShape.Width : _poolInputWidth, _group.KernelActivations, _columnPool);
            }
            else
            {
                DirectConvolution.Run(_tier, _fusedPool, new DirectConvJob
                {
                    Input = buffer + ((long)(block.FirstFilter / _filtersPerGroup) * _channelsPerGroup * _bufferPlaneStride),
                    RowStep = _rowStep,
                    Taps = _taps.Pointer,
                    TapCount = _taps.Length,
                    Weights = block.Weights.Pointer,
                    Bias = block.Bias.Pointer,
                    FilterCount = block.Count,
                    Rows = _fusedPool ? o1 - o0 : c1 - c0,
                    Width = _fusedPool ? outShape.Width : convShape.Width,
                    Dest = dest,
                    DestRowStride = _fusedPool ? outShape.Width : convShape.Width,
                    Activations = _group.KernelActivations,
                });
            }

            if (_carriedRows > 0)
            {
                PoolCarrying(band, convOut, c0, c1, block.FirstFilter, block.Count, o0, o1);
            }
            else if (_poolPerBlock)
            {
                Pool(convOut, _poolInputWidth, _convPlaneStride, c0, convShape with { Width = _poolInputWidth }, block.FirstFilter, block.Count, o0, o1);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunWithoutConv(float* buffer, int c0, int c1, int o0, int o1)
    {
        // The (padded) input rows, as a pad or the steps see them.
        var shape = _group.ConvOutput;
        var outShape = _group.Output;
        if (_pool is null)
        {
            // Steps only: copy the rows out, then apply them there.
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int r = c0; r < c1; r++)
                {
                    new Span<float>(buffer + ((long)c * _bufferPlaneStride) + ((long)(r - c0) * _bufferRowStride), shape.Width)
                        .CopyTo(new Span<float>(_output + ((long)c * outShape.PlaneLength) + ((long)r * shape.Width), shape.Width));
                }
            }

            _group.PreSteps.Apply(_tier, _output + ((long)c0 * shape.Width), outShape.PlaneLength, shape.Width, shape.Channels, c0, c1 - c0,
                shape.Height, shape.Width);
            return;
        }

        _group.PreSteps.Apply(_tier, buffer, _bufferPlaneStride, _bufferRowStride, shape.Channels, c0, c1 - c0, shape.Height, shape.Width);

        Pool(buffer, _bufferRowStride, _bufferPlaneStride, c0, shape, 0, shape.Channels, o0, o1);
    }

    /// <summary>
    /// Pools rows of <paramref name="shape"/> (from row <paramref name="firstRow"/>, in a band buffer) into output rows
    /// [o0, o1) of output channels [firstChannel, firstChannel + channels); the buffer's first plane is channel firstChannel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pool(float* rows, int rowStride, int planeStride, int firstRow, Shape3 shape, int firstChannel, int channels, int o0, int o1)
    {
        var outShape = _group.Output;
        float* dest = _output + ((long)firstChannel * outShape.PlaneLength) + ((long)o0 * outShape.Width);
        if (_fastPaths && MaxPoolRows.Applies(_bandPool!, shape.Width))
        {
            MaxPoolRows.Run(_tier, _bandPool!, rows, rowStride, planeStride, firstRow, 0, shape.Height, shape.Width, channels,
                dest, outShape.PlaneLength, outShape.Width, o0, o1 - o0);
            return;
        }

        PoolRows.Run(_bandPool!, rows, rowStride, planeStride, firstRow, shape.Height, shape.Width, channels,
            dest, outShape.PlaneLength, outShape.Width, o0, o1 - o0);
    }

    /// <summary>
    /// Max pooling of one block's maps from the band's own conv rows [c0, c1) only: the windows of the band's last
    /// pooled rows that reach into the next band's rows take this band's part here, and the windows of the previous
    /// band's last rows take this band's part into the carry buffer, which <see cref="Completion"/> merges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PoolCarrying(int band, float* convOut, int c0, int c1, int firstChannel, int channels, int o0, int o1)
    {
        var outShape = _group.Output;
        int width = _poolInputWidth, outPlane = outShape.PlaneLength, q = _carriedRows;
        MaxPoolRows.Run(_tier, _bandPool!, convOut, width, _convPlaneStride, c0, c0, c1, width, channels,
            _output + ((long)firstChannel * outPlane) + ((long)o0 * outShape.Width), outPlane, outShape.Width, o0, o1 - o0);
        if (band > 0)
        {
            MaxPoolRows.Run(_tier, _bandPool!, convOut, width, _convPlaneStride, c0, c0, c1, width, channels,
                Carry(band) + ((long)firstChannel * q * outShape.Width), q * outShape.Width, outShape.Width, o0 - q, q);
        }
    }

    /// <summary>Band <paramref name="band"/>'s part of the previous band's last pooled rows: [channel][carried row][column].</summary>
    private float* Carry(int band) => _carry.Pointer + ((long)band * _carriedRows * _group.Output.Channels * _group.Output.Width);

    /// <summary>
    /// After every band has run, channel by channel (a band each, so the workers share it): each band's last pooled
    /// rows take the max with the next band's part of their windows. Null where no rows are carried.
    /// </summary>
    public IBandWork? Completion { get; }

    /// <summary>The bands of <see cref="Completion"/>: the output's channels.</summary>
    public int CompletionBands => _group.Output.Channels;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CompleteChannel(int c)
    {
        var outShape = _group.Output;
        for (int band = 1; band < BandCount; band++)
        {
            int first = (band * _rowsPerBand) - _carriedRows;
            for (int i = 0; i < _carriedRows; i++)
            {
                MaxPoolRows.MaxInto(_tier, _output + ((long)c * outShape.PlaneLength) + ((long)(first + i) * outShape.Width),
                    Carry(band) + ((long)((c * _carriedRows) + i) * outShape.Width), outShape.Width);
            }
        }
    }

    private sealed class ChannelCompletion(GroupStage stage) : IBandWork
    {
        public void RunBand(int band, int worker) => stage.CompleteChannel(band);
    }

    /// <summary>
    /// Pooled rows per band boundary whose windows straddle two bands, when bands pool their own conv rows only and hand
    /// those windows' other part over (max pooling, block by block, nothing after the pool): 3x3/2 pooling then computes
    /// each conv row once instead of recomputing one or two per band. 0 where bands recompute the shared rows.
    /// </summary>
    private int ChooseCarriedRows()
    {
        if (!_poolPerBlock || _bandPool is not MaxPool2d || !MaxPoolRows.Applies(_bandPool, _poolInputWidth)
            || !_group.PostSteps.IsEmpty || BandCount < 2)
        {
            return 0;
        }

        // Windows that reach past the next band (bands shorter than a window) would need a third band's rows.
        int k = _bandPool.KernelSize.Height, s = _bandPool.Stride.Height;
        return k > s && _rowsPerBand * s >= k ? ((k + s - 1) / s) - 1 : 0;
    }

    /// <summary>Tap offsets in the band buffer (column n·dw is in phase n·dw mod s), and the general kernel's weights in the same order.</summary>
    private void PackTaps(Conv2d conv, int taps, FoldedScaleShift folded)
    {
        for (int k = 0; k < conv.Filters; k++)
        {
            _generalBias.Pointer[k] = folded.Bias(k, conv.Kernels[k].Bias);
        }

        int kh = conv.KernelSize.Height, kw = conv.KernelSize.Width, s = conv.Stride.Width;
        int t = 0;
        for (int c = 0; c < _channelsPerGroup; c++)
        {
            for (int m = 0; m < kh; m++)
            {
                for (int n = 0; n < kw; n++, t++)
                {
                    int col = n * conv.Dilation.Width;
                    _taps.Pointer[t] = (c * _bufferPlaneStride) + (m * conv.Dilation.Height * _bufferRowStride) + ((col % s) * _phaseStride) + (col / s);
                    for (int k = 0; k < conv.Filters; k++)
                    {
                        _generalWeights.Pointer[(k * taps) + t] = folded.Weight(k, conv.Kernels[k].Weight(c, m, n));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Conv rows [c0, c1) that output rows [o0, o1) need; with carried rows, only up to where the next band's start
    /// (every conv row is then computed by one band).
    /// </summary>
    private (int From, int To) ConvRowRange(int o0, int o1)
    {
        if (_pool is null)
        {
            return (o0, o1);
        }

        int from = Math.Max(0, (o0 * _pool.Stride.Height) - _pool.Padding.Top);
        int to = Math.Min(_group.ConvOutput.Height, ((o1 - 1) * _pool.Stride.Height) - _pool.Padding.Top + _pool.EffectiveKernel.Height);
        if (_carriedRows > 0 && o1 < _group.Output.Height)
        {
            to = Math.Clamp((o1 * _pool.Stride.Height) - _pool.Padding.Top, from, to);
        }

        return (from, to);
    }

    /// <summary>At most how many conv rows a band of <paramref name="outRows"/> output rows needs.</summary>
    private int ConvRows(int outRows) =>
        _pool is null ? outRows : Math.Min(_group.ConvOutput.Height, ((outRows - 1) * _pool.Stride.Height) + _pool.EffectiveKernel.Height);

    /// <summary>Padded input rows that <paramref name="convRows"/> conv rows read.</summary>
    private int InputRowsFor(int convRows) =>
        _conv is null ? convRows : ((convRows - 1) * _conv.Stride.Height) + _conv.EffectiveKernel.Height;

    private int InputRows(int outRows) => InputRowsFor(ConvRows(outRows));

    /// <summary>
    /// Rows per band: as many as keep the band's input buffer in L2, but few enough for several bands per worker
    /// (load balance on a shared machine), and never so few that a band is not worth a hand-off.
    /// </summary>
    private int ChooseRowsPerBand(int workers, int taps, bool winograd)
    {
        int outRows = _group.Output.Height;
        long rowBytes = (long)_filler.Planes * _bufferRowStride * sizeof(float);
        int budgetBytes = winograd ? WinogradBandBudgetBytes : _poolPerBlock ? PooledBandBudgetBytes : BandBudgetBytes;
        long Footprint(int rows) => (InputRows(rows) * rowBytes)
            + (winograd ? WinogradConvolution.TransformedBytes(_conv!, _filler.Planes, ConvRows(rows), _group.ConvOutput.Width) : 0);
        int budgetRows = 1;
        while (budgetRows < outRows && Footprint(budgetRows + 1) <= budgetBytes)
        {
            budgetRows++;
        }

        long workPerRow = (long)_group.Output.Width * Math.Max(_group.ConvOutput.Channels, 1) * taps;
        int minRows = (int)Math.Min(outRows, (MinWorkPerBand + workPerRow - 1) / workPerRow);
        int balanced = (outRows + (4 * workers) - 1) / (4 * workers);
        int rows = Math.Clamp(Math.Min(budgetRows, Math.Max(balanced, minRows)), 1, outRows);

        // Unpooled direct bands compute row pairs; Winograd's bands take whole rows of four conv rows (pooled at stride
        // s: a multiple of 4 / gcd(4, s) output rows, the gcd being s's largest power of two up to 4). Only the last band
        // is short.
        int tile = WinogradConvolution.Tile, poolStride = _pool?.Stride.Height ?? 1;
        int multiple = !_direct ? 1 : winograd ? tile / Math.Min(tile, poolStride & -poolStride) : _pool is null ? 2 : 1;
        return Math.Min(outRows, (rows + multiple - 1) / multiple * multiple);
    }
}
