using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// The fast engine: runs a network on 8-bit frames (or float tensors), fusing each conv [+scale-shift, activation, add]
/// [+pool] group into one pass over cache-sized row bands, starting from the frame itself. Results match <see cref="Reference.ReferenceEngine"/> to
/// float rounding (sums run in another order): within 1e-4 of the layer's largest magnitude (at least 1).
/// Owns every buffer; a frame allocates nothing. Not thread-safe: one run at a time.
/// </summary>
public sealed unsafe class NetworkRunner : IDisposable
{
    private readonly GroupStage[] _stages;
    private readonly Dictionary<int, Tensor> _outputs = [];

    /// <summary>Every stage's output, held here: a pinned array nothing references would be collected under the kernels.</summary>
    private readonly List<PinnedArray<float>> _stageOutputs = [];
    private readonly RowBandScheduler _scheduler;

    public NetworkRunner(Network network, RunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new RunnerOptions();
        if (network.Layers.Count == 0)
        {
            throw new ArgumentException("The network has no layers to run.", nameof(network));
        }

        Network = network;
        var best = SimdTiers.Best;
        Tier = options.Tier is { } t && t < best ? t : best;
        int dop = Math.Max(1, options.MaxDegreeOfParallelism);
        _scheduler = new RowBandScheduler(dop);

        var materialized = new HashSet<int>(options.MaterializedLayers ?? [network.Layers.Count - 1]) { network.Layers.Count - 1 };
        foreach (int i in materialized)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, network.Layers.Count);
        }

        // An add reads an earlier output whole, so that output ends a group; an add of the input needs the converted
        // frame kept, which the input group (first) does.
        var sources = network.Layers.OfType<ResidualAdd>().Select(a => a.From).ToHashSet();
        materialized.UnionWith(sources.Where(i => i >= 0));
        var groups = LayerGroup.Plan(network, materialized).ToList();
        if (sources.Contains(ResidualAdd.NetworkInput))
        {
            groups.Insert(0, LayerGroup.ForInput(network.InputShape));
        }

        _stages = new GroupStage[groups.Count];
        var pointers = new Dictionary<int, IntPtr>();
        for (int g = 0; g < groups.Count; g++)
        {
            // Used whole, as the output's Tensor: so it may not start on a cache line.
            var data = new PinnedArray<float>(groups[g].Output.Length, lineAligned: false);
            _stageOutputs.Add(data);
            _stages[g] = new GroupStage(groups[g], data.Pointer, network.Input, g == 0, Tier, options.FastPaths, dop);
            if (g > 0)
            {
                _stages[g].Filler.UseTensor(_stages[g - 1].OutputPointer);
            }

            groups[g].PreSteps.BindSources(pointers);
            groups[g].PostSteps.BindSources(pointers);

            pointers[groups[g].LastLayer] = (IntPtr)data.Pointer;
            if (groups[g].LastLayer >= 0)
            {
                _outputs[groups[g].LastLayer] = new Tensor(groups[g].Output, data.Array);
            }
        }
    }

    public Network Network { get; }

    /// <summary>The SIMD tier the kernels run at.</summary>
    public SimdTier Tier { get; }

    /// <summary>Converts and runs one frame: interleaved 8-bit pixels of the network's input size, rows <paramref name="rowStride"/> bytes apart.</summary>
    public void Run(ReadOnlySpan<byte> frame, int rowStride, PixelFormat frameFormat)
    {
        var spec = Network.Input;
        int rowBytes = spec.Width * frameFormat.Channels();
        if (rowStride < rowBytes || frame.Length < ((long)(spec.Height - 1) * rowStride) + rowBytes)
        {
            throw new ArgumentException($"The frame is too small for {spec.Width}x{spec.Height} {frameFormat} with row stride {rowStride}.", nameof(frame));
        }

        fixed (byte* pixels = frame)
        {
            var first = _stages[0].Filler;
            first.UseFrame(pixels, rowStride, frameFormat);
            try
            {
                RunStages();
            }
            finally
            {
                first.UseFrame(null, 0, frameFormat);
            }
        }
    }

    /// <summary>
    /// Runs one (C, H, W) float tensor of the network's input shape as it is: no scale, no color conversion, no
    /// normalization (for exact comparisons with other engines on the same tensor).
    /// </summary>
    public void Run(ReadOnlySpan<float> input)
    {
        var shape = Network.InputShape;
        if (input.Length != shape.Length)
        {
            throw new ArgumentException($"The network takes a {shape} tensor ({shape.Length} values), got {input.Length} values.", nameof(input));
        }

        fixed (float* data = input)
        {
            var first = _stages[0].Filler;
            first.UseTensor(data);
            try
            {
                RunStages();
            }
            finally
            {
                first.UseTensor(null);
            }
        }
    }

    /// <summary>A materialized layer's output (see <see cref="RunnerOptions.MaterializedLayers"/>): owned by the runner, overwritten by the next run.</summary>
    public Tensor Output(int layerIndex) =>
        _outputs.TryGetValue(layerIndex, out var t) ? t
        : throw new ArgumentException($"Layer {layerIndex} is not materialized; list it in RunnerOptions.MaterializedLayers.", nameof(layerIndex));

    /// <summary>What the band helper threads have allocated so far (see <see cref="RowBandScheduler.HelperAllocatedBytes"/>).</summary>
    internal long HelperAllocatedBytes => _scheduler.HelperAllocatedBytes;

    /// <summary>Each stage's <see cref="GroupStage.CarriedRows"/>: which pooling shares its windows' rows between bands.</summary>
    internal IEnumerable<int> CarriedRows => _stages.Select(s => s.CarriedRows);

    /// <summary>Each stage's <see cref="GroupStage.Winograd"/>: which convs run as Winograd's F(4x4, r x r).</summary>
    internal IEnumerable<bool> WinogradStages => _stages.Select(s => s.Winograd);

    /// <summary>Each stage's <see cref="GroupStage.PoolsTileColumns"/>: which poolings take their columns on Winograd's tiles.</summary>
    internal IEnumerable<bool> TileColumnPoolStages => _stages.Select(s => s.PoolsTileColumns);

    public void Dispose() => _scheduler.Dispose();

    private void RunStages()
    {
        foreach (var stage in _stages)
        {
            _scheduler.Run(stage, stage.BandCount);
            if (stage.Completion is { } completion)
            {
                _scheduler.Run(completion, stage.CompletionBands);
            }
        }
    }
}
