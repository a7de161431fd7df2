using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>Seeded random networks over every layer option, biased toward the shapes the fast paths take.</summary>
internal static class RandomNetworks
{
    public static (Network Network, PixelFormat FrameFormat, byte[] Frame) Create(int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            var color = Pick(random, PixelFormat.Gray, PixelFormat.Bgr, PixelFormat.Rgb);
            var spec = new InputSpec(color, random.Next(2) == 0 ? InputSpec.DefaultScale : 1f, random.Next(1, 40), random.Next(1, 24));
            if (random.Next(3) == 0)
            {
                int n = color.Channels();
                spec = spec with
                {
                    Mean = [.. Enumerable.Range(0, n).Select(_ => (float)random.NextDouble())],
                    Std = [.. Enumerable.Range(0, n).Select(_ => 0.1f + (float)random.NextDouble())],
                };
            }

            var layers = new List<Layer>();
            int channels = color.Channels();
            int count = random.Next(1, 6);
            for (int i = 0; i < count; i++)
            {
                int kind = random.Next(14);
                if (kind < 5)
                {
                    var conv = RandomConv(random, channels);
                    channels = conv.Filters;
                    layers.Add(conv);
                }
                else if (kind < 8)
                {
                    layers.Add(random.Next(4) == 0
                        ? Activation.Clip((float)random.NextDouble() - 0.5f, 0.5f + (float)random.NextDouble())
                        : new Activation(Pick(random, ActivationKind.Relu, ActivationKind.LeakyRelu, ActivationKind.Abs, ActivationKind.None),
                            (float)random.NextDouble()));
                }
                else if (kind < 10)
                {
                    layers.Add(RandomPool(random));
                }
                else if (kind < 11)
                {
                    layers.Add(new ScaleShift([.. Enumerable.Range(0, channels).Select(_ => (float)((random.NextDouble() * 4) - 2))],
                        [.. Enumerable.Range(0, channels).Select(_ => (float)random.NextDouble() - 0.5f)]));
                }
                else if (kind < 12)
                {
                    var borders = new Borders(random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3));
                    layers.Add(new Pad2d(borders, Pick(random, PadMode.Constant, PadMode.Reflect, PadMode.Edge), random.Next(2) == 0 ? 0f : (float)random.NextDouble()));
                }
                else
                {
                    // An add of a random earlier layer or the input; a shape that differs makes the network redraw.
                    layers.Add(new ResidualAdd(random.Next(-1, i)));
                }
            }

            try
            {
                var network = new Network(spec, layers);
                var format = Pick(random, PixelFormat.Gray, PixelFormat.Bgr, PixelFormat.Rgb);
                var frame = new byte[spec.Width * spec.Height * format.Channels()];
                random.NextBytes(frame);
                return (network, format, frame);
            }
            catch (NetworkException)
            {
                // Shapes that do not fit: draw again.
            }
        }
    }

    private static Conv2d RandomConv(Random random, int channels)
    {
        int groups = random.Next(4) == 0 && channels > 1 ? channels : 1;
        int filters = groups * random.Next(1, groups > 1 ? 3 : 8);
        int kh = random.Next(1, 6), kw = random.Next(4) == 0 ? random.Next(1, 6) : kh;
        bool twoD = random.Next(2) == 0;
        var kernels = new Kernel[filters];
        for (int k = 0; k < filters; k++)
        {
            int depth = channels / groups;
            var weights = new float[(twoD ? 1 : depth) * kh * kw];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)((random.NextDouble() * 2) - 1);
            }

            kernels[k] = Kernel.Create($"k{k}", twoD ? null : depth, kh, kw, weights, (float)random.NextDouble() - 0.5f);
        }

        var stride = random.Next(3) == 0 ? new Size2(random.Next(1, 4), random.Next(1, 4)) : Size2.Square(1);
        var dilation = random.Next(4) == 0 ? new Size2(random.Next(1, 3), random.Next(1, 3)) : Size2.Square(1);
        var padding = random.Next(5) switch
        {
            0 => Padding.Valid,
            1 when stride == Size2.Square(1) => Padding.Same,
            2 => Padding.Explicit(new Borders(random.Next(0, 4), random.Next(0, 4), random.Next(0, 4), random.Next(0, 4))),
            _ => Padding.Explicit(random.Next(0, 3), random.Next(0, 3)),
        };
        var mode = Pick(random, PaddingMode.Zeros, PaddingMode.Zeros, PaddingMode.Reflect, PaddingMode.Replicate, PaddingMode.Circular);
        return new Conv2d(kernels, stride, padding, mode, dilation, groups);
    }

    private static Pool2d RandomPool(Random random)
    {
        if (random.Next(2) == 0)
        {
            return new MaxPool2d(Size2.Square(2));
        }

        var kernel = new Size2(random.Next(1, 4), random.Next(1, 4));
        Size2? stride = random.Next(2) == 0 ? null : new Size2(random.Next(1, 4), random.Next(1, 4));
        bool ceil = random.Next(2) == 0;
        if (random.Next(3) == 0)
        {
            var dilation = new Size2(random.Next(1, 3), random.Next(1, 3));
            int h = Pool2d.MaxPad(kernel.Height, dilation.Height), w = Pool2d.MaxPad(kernel.Width, dilation.Width);
            var borders = new Borders(random.Next(0, h + 1), random.Next(0, h + 1), random.Next(0, w + 1), random.Next(0, w + 1));
            return new MaxPool2d(kernel, stride ?? kernel, borders, ceil, dilation);
        }

        var padding = new Size2(random.Next(0, (kernel.Height / 2) + 1), random.Next(0, (kernel.Width / 2) + 1));
        return random.Next(2) == 0
            ? new MaxPool2d(kernel, stride, padding, ceil)
            : new AvgPool2d(kernel, stride, padding, ceil, random.Next(2) == 0);
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
