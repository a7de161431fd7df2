using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>
/// Draws random networks and inputs from a seed, reproducibly (System.Random with a seed is a fixed algorithm).
/// Every option of every layer is drawn; a draft the <see cref="Network"/> constructor rejects is redrawn from the
/// same stream and counted, so callers can check that most drafts are valid instead of skipping cases silently.
/// </summary>
public static class CaseGenerator
{
    /// <summary>Gives up after this many rejected drafts: the generator would be broken, not unlucky.</summary>
    public const int MaxRejections = 200;

    public static ConformanceCase Generate(int seed)
    {
        var rng = new Random(seed);
        for (int rejected = 0; rejected <= MaxRejections; rejected++)
        {
            var (spec, layers) = Draft(rng);
            Network network;
            try
            {
                network = new Network(spec, layers);
            }
            catch (NetworkException)
            {
                continue;
            }

            var input = new Tensor(network.InputShape);
            for (int i = 0; i < input.Data.Length; i++)
            {
                input.Data[i] = rng.NextSingle();
            }

            return new ConformanceCase(seed, network, input, rejected);
        }

        throw new InvalidOperationException($"Seed {seed}: no valid network in {MaxRejections + 1} drafts.");
    }

    private static (InputSpec Spec, List<Layer> Layers) Draft(Random rng)
    {
        var spec = new InputSpec(rng.Next(2) == 0 ? PixelFormat.Gray : PixelFormat.Bgr, InputSpec.DefaultScale,
            Width: DrawInputLength(rng), Height: DrawInputLength(rng));
        Shape3? shape = spec.Shape;
        int count = rng.Next(1, 5);
        var layers = new List<Layer>(count);
        var shapes = new List<Shape3?>();
        for (int i = 0; i < count; i++)
        {
            // The running shape only steers sizes towards valid ones; the Network constructor has the last word.
            var fit = shape ?? new Shape3(1, 7, 7);
            int pick = rng.Next(14);

            // An add takes an earlier output (or the input) of the running shape; the input is index −1.
            int[] operands = shape is null ? [] : [.. Enumerable.Range(-1, i + 1).Where(j => (j < 0 ? spec.Shape : shapes[j]) == shape)];
            Layer layer = pick switch
            {
                < 5 => DrawConv(rng, fit),
                < 7 => DrawActivation(rng),
                < 9 => DrawPool(rng, fit),
                < 11 => DrawScaleShift(rng, fit.Channels),
                11 => DrawPad(rng, fit),
                _ when operands.Length > 0 => new ResidualAdd(operands[rng.Next(operands.Length)]),
                _ => DrawActivation(rng),
            };
            layers.Add(layer);
            try
            {
                shape = shape is { } s ? layer.OutputShape(s) : null;
            }
            catch (ShapeException)
            {
                shape = null;
            }

            shapes.Add(shape);
        }

        return (spec, layers);
    }

    /// <summary>Tiny (1..3, including 1-wide and 1x1), otherwise up to 16; odd sizes as often as even ones.</summary>
    private static int DrawInputLength(Random rng) => rng.Next(4) == 0 ? rng.Next(1, 4) : rng.Next(4, 17);

    private static Conv2d DrawConv(Random rng, Shape3 input)
    {
        int channels = input.Channels;
        var kernelSize = DrawSize(rng, 7, input);
        var divisors = Enumerable.Range(1, channels).Where(g => channels % g == 0).ToArray();

        // Depthwise (groups = C) often, since it is the case most likely to be got wrong.
        int groups = rng.Next(3) == 0 ? channels : divisors[rng.Next(divisors.Length)];
        int filtersPerGroup = rng.Next(1, Math.Max(1, 6 / groups) + 1);
        int filters = groups * filtersPerGroup; // at most 6: channels never exceed 6
        int depth = channels / groups;
        // All 2D, all 3D, or (one layer in five) each kernel its own: the engine allows mixing them in a layer.
        int kernelKinds = rng.Next(5);
        var stride = DrawPair(rng, 1, 3);
        var padding = rng.Next(5) switch
        {
            0 => Padding.Explicit(rng.Next(0, 4)),
            1 => Padding.Explicit(rng.Next(0, 4), rng.Next(0, 4)),
            2 when stride == Size2.Square(1) => Padding.Same,
            3 => Padding.Explicit(new Borders(rng.Next(0, 4), rng.Next(0, 4), rng.Next(0, 4), rng.Next(0, 4))),
            _ => Padding.Valid,
        };
        var mode = (PaddingMode)rng.Next(4);
        var dilation = rng.Next(3) == 0 ? DrawPair(rng, 2, 3) : Size2.Square(1);

        // PyTorch's default initialisation, uniform in ±1/sqrt(fan-in) for weights and bias, keeps every layer's
        // output near [-1, 1], so float rounding stays near 1e-7 through a stack and one atol fits all layers.
        int fanIn = depth * kernelSize.Height * kernelSize.Width;
        float bound = 1f / MathF.Sqrt(fanIn);
        var kernels = new Kernel[filters];
        for (int k = 0; k < filters; k++)
        {
            bool threeD = kernelKinds switch { < 2 => false, < 4 => true, _ => rng.Next(2) == 0 };
            var weights = new float[(threeD ? depth : 1) * kernelSize.Height * kernelSize.Width];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = Uniform(rng, bound);
            }

            kernels[k] = Kernel.Create($"k{k}", threeD ? depth : null, kernelSize.Height, kernelSize.Width, weights, Uniform(rng, bound));
        }

        return new Conv2d(kernels, stride, padding, mode, dilation, groups);
    }

    private static Activation DrawActivation(Random rng)
    {
        var kind = (ActivationKind)rng.Next(5);
        if (kind == ActivationKind.Clip)
        {
            // Bounds inside the values' usual range, so both of them bite; ReLU6's [0, 6] now and then.
            float min = rng.NextSingle() - 0.75f;
            return rng.Next(4) == 0 ? Activation.Clip(0, 6) : Activation.Clip(min, min + rng.NextSingle());
        }

        float slope = kind == ActivationKind.LeakyRelu && rng.Next(2) == 0 ? 0.5f * rng.NextSingle() : Activation.DefaultSlope;
        return new Activation(kind, slope);
    }

    private static Pool2d DrawPool(Random rng, Shape3 input)
    {
        var kernel = DrawSize(rng, 4, input);
        Size2? stride = rng.Next(3) == 0 ? null : DrawPair(rng, 1, 3);
        bool max = rng.Next(2) == 0;
        var dilation = max && rng.Next(3) == 0 ? DrawPair(rng, 2, 3) : Size2.Square(1);
        int halfH = Pool2d.MaxPad(kernel.Height, dilation.Height), halfW = Pool2d.MaxPad(kernel.Width, dilation.Width);
        var padding = rng.Next(3) switch
        {
            0 => default,
            1 => Borders.Symmetric(new Size2(rng.Next(0, halfH + 1), rng.Next(0, halfW + 1))),
            _ => new Borders(rng.Next(0, halfH + 1), rng.Next(0, halfH + 1), rng.Next(0, halfW + 1), rng.Next(0, halfW + 1)),
        };
        bool ceil = rng.Next(2) == 0;
        return max
            ? new MaxPool2d(kernel, stride ?? kernel, padding, ceil, dilation)
            : new AvgPool2d(kernel, stride ?? kernel, padding, ceil, countIncludePad: rng.Next(2) == 0);
    }

    /// <summary>Scales of either sign around 1 and shifts around 0, as a trained BatchNormalization has.</summary>
    private static ScaleShift DrawScaleShift(Random rng, int channels) =>
        new([.. Enumerable.Range(0, channels).Select(_ => Uniform(rng, 2f))], [.. Enumerable.Range(0, channels).Select(_ => Uniform(rng, 1f))]);

    /// <summary>Up to 3 per side (reflect: less than the input), each mode; a constant other than 0 half the time.</summary>
    private static Pad2d DrawPad(Random rng, Shape3 input)
    {
        var mode = (PadMode)rng.Next(3);
        int limitH = mode == PadMode.Reflect ? Math.Min(3, input.Height - 1) : 3, limitW = mode == PadMode.Reflect ? Math.Min(3, input.Width - 1) : 3;
        var borders = new Borders(rng.Next(0, limitH + 1), rng.Next(0, limitH + 1), rng.Next(0, limitW + 1), rng.Next(0, limitW + 1));
        return new Pad2d(borders, mode, rng.Next(2) == 0 ? 0f : Uniform(rng, 2f));
    }

    /// <summary>
    /// A window of 1..<paramref name="max"/> per side; usually no larger than the input so most drafts are valid,
    /// but one time in five up to <paramref name="max"/> anyway, so padding has to make room or the draft fails.
    /// </summary>
    private static Size2 DrawSize(Random rng, int max, Shape3 input)
    {
        if (rng.Next(5) == 0)
        {
            return DrawPair(rng, 1, max);
        }

        int h = rng.Next(1, Math.Min(max, input.Height) + 1), w = rng.Next(1, Math.Min(max, input.Width) + 1);
        return rng.Next(2) == 0 ? Size2.Square(Math.Min(h, w)) : new Size2(h, w);
    }

    /// <summary>Square half the time, otherwise each side drawn on its own.</summary>
    private static Size2 DrawPair(Random rng, int min, int max)
    {
        int h = rng.Next(min, max + 1);
        return rng.Next(2) == 0 ? Size2.Square(h) : new Size2(h, rng.Next(min, max + 1));
    }

    private static float Uniform(Random rng, float bound) => ((2f * rng.NextSingle()) - 1f) * bound;
}
