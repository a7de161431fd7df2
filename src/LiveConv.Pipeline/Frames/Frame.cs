using LiveConv.Engine.Tensors;

namespace LiveConv.Pipeline.Frames;

/// <summary>
/// One frame on its way through the stages: the captured pixels, the feature maps the engine made of them, the
/// rendered mosaic, and where it came from and how long each stage took. Frames are pooled: the buffers are kept
/// and reused while the sizes stay the same, so steady state allocates no frame-sized arrays.
/// </summary>
public sealed class Frame
{
    private byte[] _pixels = [];
    private byte[] _mosaic = [];
    private byte[] _view = [];
    private readonly List<Tensor> _stages = [];
    private readonly List<Tensor> _stageBuffers = [];

    /// <summary>Position in the source: 0 for its first frame, counting frames that were later dropped.</summary>
    public long Index { get; set; }

    /// <summary>Position among the frames that reached the engine; contiguous, so order can be restored.</summary>
    public long Sequence { get; internal set; }

    /// <summary>The frame's time in the source: a video file's presentation timestamp (from the stream's start), a
    /// frame's place at the fps for images and the synthetic scene, or the time since capture began for a camera.</summary>
    public TimeSpan SourceTime { get; set; }

    /// <summary>When capture handed it over, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long CaptureTimestamp { get; internal set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public PixelFormat Format { get; private set; }

    public int Stride => Width * Format.Channels();

    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Stride * Height);

    /// <summary>The pixels' whole buffer, at least <see cref="Stride"/> x <see cref="Height"/> bytes, for wrapping as an image.</summary>
    public byte[] PixelBuffer => _pixels;

    /// <summary>The feature maps of the selected layer, (C, H, W); null until the engine ran.</summary>
    public Tensor? Maps { get; private set; }

    /// <summary>Names of the maps, one per channel (kernel names for a convolution).</summary>
    public IReadOnlyList<string> MapNames { get; set; } = [];

    /// <summary>
    /// The followed map at each stage of its block (z, after the activation, after pooling), one channel each; empty
    /// unless the live view asked for them (see <see cref="Engine.MapStages"/>).
    /// </summary>
    public IReadOnlyList<Tensor> Stages => _stages;

    /// <summary>One label per <see cref="Stages"/> entry.</summary>
    public IReadOnlyList<string> StageNames { get; set; } = [];

    public int MosaicWidth { get; private set; }

    public int MosaicHeight { get; private set; }

    /// <summary>The rendered picture, BGR, <see cref="MosaicWidth"/> x 3 bytes per row; empty until rendered.</summary>
    public ReadOnlySpan<byte> Mosaic => _mosaic.AsSpan(0, MosaicWidth * MosaicHeight * 3);

    /// <summary>The mosaic's whole buffer, exactly <see cref="MosaicWidth"/> x <see cref="MosaicHeight"/> x 3 bytes, for
    /// wrapping as an image.</summary>
    public byte[] MosaicBuffer => _mosaic;

    /// <summary>The window's picture (the mosaic fitted to the window, labels and HUD panel), BGR; empty without a window.</summary>
    public byte[] ViewBuffer => _view;

    public int ViewWidth { get; private set; }

    public int ViewHeight { get; private set; }

    /// <summary>Set once the window showed the frame: its latency counted then.</summary>
    internal bool Shown { get; set; }

    public StageTimes Times { get; } = new();

    /// <summary>Room for a frame of this size and format; the buffer is reused when it is big enough.</summary>
    public Span<byte> PreparePixels(int width, int height, PixelFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Format = format;
        int length = checked(Stride * height);
        if (_pixels.Length < length)
        {
            _pixels = new byte[length];
        }

        return _pixels.AsSpan(0, length);
    }

    /// <summary>A tensor of this shape for the engine's output, the same one again when the shape repeats.</summary>
    public Tensor PrepareMaps(Shape3 shape)
    {
        if (Maps is null || Maps.Shape != shape)
        {
            Maps = new Tensor(shape);
        }

        return Maps;
    }

    /// <summary>Appends a stage tensor of this shape; the one used at that position last time is reused when the shape repeats.</summary>
    public Tensor AddStage(Shape3 shape)
    {
        int index = _stages.Count;
        if (index == _stageBuffers.Count)
        {
            _stageBuffers.Add(new Tensor(shape));
        }
        else if (_stageBuffers[index].Shape != shape)
        {
            _stageBuffers[index] = new Tensor(shape);
        }

        _stages.Add(_stageBuffers[index]);
        return _stageBuffers[index];
    }

    public void ClearStages()
    {
        _stages.Clear();
        StageNames = [];
    }

    /// <summary>Room for a BGR mosaic of this size; the buffer is reused when it is big enough.</summary>
    public byte[] PrepareMosaic(int width, int height)
    {
        (MosaicWidth, MosaicHeight) = (width, height);
        return Prepare(ref _mosaic, width, height);
    }

    /// <summary>Room for the window's BGR picture of this size; the buffer is reused while the window keeps its size.</summary>
    public byte[] PrepareView(int width, int height)
    {
        (ViewWidth, ViewHeight) = (width, height);
        return Prepare(ref _view, width, height);
    }

    internal void Reset()
    {
        Index = 0;
        Sequence = 0;
        SourceTime = TimeSpan.Zero;
        CaptureTimestamp = 0;
        MosaicWidth = 0;
        MosaicHeight = 0;
        ViewWidth = 0;
        ViewHeight = 0;
        Shown = false;
        ClearStages();
        Times.Clear();
    }

    private static byte[] Prepare(ref byte[] buffer, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int length = checked(width * height * 3);
        if (buffer.Length != length)
        {
            // Exact length: renderers wrap the array as an image of exactly this size.
            buffer = new byte[length];
        }

        return buffer;
    }
}
