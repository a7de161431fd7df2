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

        CheckNormalization(input);
        Input = input;
        Layers = layers.ToArray();
        _shapes = new Shape3[Layers.Count];
        var shape = input.Shape;
        for (int i = 0; i < Layers.Count; i++)
        {
            try
            {
                CheckResidual(Layers[i], i, shape);
                shape = Layers[i].OutputShape(shape);
            }
            catch (ShapeException e)
            {
                throw new NetworkException($"layer {i} ({Layers[i].Type}) on input {shape}: {e.Message}", i, e);
            }

            if (shape.LongLength > Array.MaxLength)
            {
                var tooLarge = new ShapeException(
                    $"its output {shape} is {shape.LongLength:N0} values ({FormatBytes(shape.LongLength * sizeof(float))}), "
                    + $"more than one tensor can hold ({Array.MaxLength:N0} values)");
                throw new NetworkException($"layer {i} ({Layers[i].Type}): {tooLarge.Message}", i, tooLarge);
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

    /// <summary>
    /// The most a frame can need, in bytes: the input tensor and every layer's output (what the reference engine holds
    /// and an upper bound for the fast engine's materialized groups), in long arithmetic so no size overflows.
    /// </summary>
    public long BytesPerFrame => (Input.Shape.LongLength + _shapes.Sum(s => s.LongLength)) * sizeof(float);

    /// <summary>The layer with the largest output (−1: the input), for naming the culprit of a memory refusal.</summary>
    public int LargestLayer
    {
        get
        {
            int largest = -1;
            long size = Input.Shape.LongLength;
            for (int i = 0; i < _shapes.Length; i++)
            {
                if (_shapes[i].LongLength > size)
                {
                    (largest, size) = (i, _shapes[i].LongLength);
                }
            }

            return largest;
        }
    }

    /// <summary>"18.4 GB": decimal units, as the sizes a user compares with their machine's.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => $"{bytes / 1e9:0.0} GB",
        >= 1_000_000 => $"{bytes / 1e6:0.0} MB",
        >= 1_000 => $"{bytes / 1e3:0.0} kB",
        _ => $"{bytes} B",
    };

    public IReadOnlyList<LayerSummary> Summarize() =>
        Layers.Select((layer, i) => new LayerSummary(i, layer, InputShapeOf(i), _shapes[i], layer.Cost(InputShapeOf(i), _shapes[i])))
            .ToArray();

    private static void CheckNormalization(InputSpec input)
    {
        int channels = input.Color.Channels();
        foreach (var (name, values) in new[] { ("mean", input.Mean), ("std", input.Std) })
        {
            if (values is null)
            {
                continue;
            }

            if (values.Count != channels)
            {
                throw new NetworkException($"the input {name} needs {channels} value{(channels == 1 ? "" : "s")} (one per {input.Color} channel), got {values.Count}");
            }

            if (values.Any(v => !float.IsFinite(v) || (name == "std" && v == 0f)))
            {
                throw new NetworkException($"the input {name} values must be finite numbers{(name == "std" ? " other than 0" : "")}");
            }
        }
    }

    /// <summary>An add's other operand: an earlier layer (or the input) of the same shape.</summary>
    private void CheckResidual(Layer layer, int index, Shape3 shape)
    {
        if (layer is not ResidualAdd add)
        {
            return;
        }

        if (add.From >= index)
        {
            throw new ShapeException($"an add takes an earlier layer's output (0 to {index - 1}) or the input, got layer {add.From}");
        }

        var other = add.From == ResidualAdd.NetworkInput ? Input.Shape : _shapes[add.From];
        if (other != shape)
        {
            string what = add.From == ResidualAdd.NetworkInput ? "the input" : $"layer {add.From}'s output";
            throw new ShapeException($"{what} is {other}, which cannot be added to {shape}");
        }
    }
}
