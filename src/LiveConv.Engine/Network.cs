using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine;

/// <summary>An ordered list of layers over an input, with every layer's output shape inferred up front.</summary>
public sealed class Network
{
    private readonly Shape3[] _shapes;

    /// <exception cref="NetworkException">A layer cannot take the shape it would get; the message names it.</exception>
    public Network(InputSpec input, IReadOnlyList<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layers);
        if (input.Width <= 0 || input.Height <= 0)
        {
            throw new NetworkException($"the input size must be positive, got {input.Width}x{input.Height}");
        }

        if (!float.IsFinite(input.Scale))
        {
            throw new NetworkException("the input scale must be a finite number");
        }

        Input = input;
        Layers = layers.ToArray();
        _shapes = new Shape3[Layers.Count];
        var shape = input.Shape;
        for (int i = 0; i < Layers.Count; i++)
        {
            try
            {
                shape = Layers[i].OutputShape(shape);
            }
            catch (ShapeException e)
            {
                throw new NetworkException($"layer {i} ({Layers[i].Type}) on input {shape}: {e.Message}", i, e);
            }

            _shapes[i] = shape;
        }
    }

    public InputSpec Input { get; }

    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The output shape of each layer, in order.</summary>
    public IReadOnlyList<Shape3> Shapes => _shapes;

    public Shape3 InputShape => Input.Shape;

    public Shape3 OutputShape => _shapes.Length == 0 ? Input.Shape : _shapes[^1];

    /// <summary>The input shape of layer <paramref name="index"/>.</summary>
    public Shape3 InputShapeOf(int index) => index == 0 ? Input.Shape : _shapes[index - 1];

    /// <summary>The same layers over frames of another size (a camera that gives what it gives).</summary>
    public Network WithInputSize(int width, int height) =>
        width == Input.Width && height == Input.Height ? this : new Network(Input with { Width = width, Height = height }, Layers);

    /// <summary>The layers up to and including <paramref name="lastLayer"/>: all a view of that layer needs computed.</summary>
    public Network Through(int lastLayer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastLayer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lastLayer, Layers.Count);
        return lastLayer == Layers.Count - 1 ? this : new Network(Input, Layers.Take(lastLayer + 1).ToArray());
    }

    public IReadOnlyList<LayerSummary> Summarize() =>
        Layers.Select((layer, i) => new LayerSummary(i, layer, InputShapeOf(i), _shapes[i], layer.Cost(InputShapeOf(i), _shapes[i])))
            .ToArray();
}
