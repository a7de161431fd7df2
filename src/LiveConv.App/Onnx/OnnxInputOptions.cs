using LiveConv.Engine.Tensors;

namespace LiveConv.App.Onnx;

/// <summary>
/// What an ONNX file cannot say about its input: the channel order its first layer expects, the scale of its values,
/// and a per-channel normalization done outside the graph (by a preprocessing step). The defaults are PyTorch's
/// convention: RGB in [0, 1]; any normalization the graph itself does (Sub, Div, Mul, Add on the input) is added on top.
/// </summary>
public sealed record OnnxInputOptions
{
    public PixelFormat Color { get; init; } = PixelFormat.Rgb;

    public float Scale { get; init; } = InputSpec.DefaultScale;

    public IReadOnlyList<float>? Mean { get; init; }

    public IReadOnlyList<float>? Std { get; init; }
}
