using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>
/// Names the options an accepted network exercises, read from the network itself (not from what the generator
/// meant to draw), so a coverage test can prove the accepted cases cover every option.
/// </summary>
public static class CaseFeatures
{
    /// <summary>Every feature the conformance suite must exercise at least once.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        .. Enumerable.Range(1, 7).Select(k => $"conv.kernel.{k}"), "conv.kernel.nonsquare", "conv.kernel.2d", "conv.kernel.3d", "conv.kernel.mixed",
        "conv.kernel.fills_padded_input", "conv.channels.1", "conv.channels.3", "conv.channels.more",
        .. Enumerable.Range(1, 6).Select(f => $"conv.filters.{f}"), "conv.groups", "conv.depthwise",
        "conv.stride.2", "conv.stride.3", "conv.stride.anisotropic",
        "conv.padding.int", "conv.padding.pair", "conv.padding.asymmetric", "conv.padding.same", "conv.padding.same.uneven", "conv.padding.valid",
        "conv.mode.zeros", "conv.mode.reflect", "conv.mode.replicate", "conv.mode.circular",
        "conv.mode.reflect.widest", "conv.mode.circular.widest", "conv.mode.replicate.beyond_input", "conv.mode.padding_1wide",
        "conv.dilation.2", "conv.dilation.3", "conv.dilation.anisotropic",
        "act.relu", "act.leaky_relu.default", "act.leaky_relu.custom", "act.abs", "act.none", "act.clip",
        "scale_shift", "pad.constant.zero", "pad.constant.value", "pad.reflect", "pad.edge", "add.layer", "add.input",
        "pool.max", "pool.avg", "pool.padding", "pool.padding.half_window", "pool.padding.asymmetric", "pool.max.dilation", "pool.ceil", "pool.ceil.partial_window", "pool.ceil.window_beyond_padded_input", "pool.stride.default",
        "pool.avg.include_pad", "pool.avg.exclude_pad", "pool.avg.ceil.include_pad", "pool.avg.ceil.exclude_pad",
        "input.1x1", "input.1wide", "input.odd_height",
        "stack.1", "stack.2", "stack.3", "stack.4",
    ];

    public static IEnumerable<string> Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var input = network.InputShape;
        if (input.Height == 1 && input.Width == 1)
        {
            yield return "input.1x1";
        }

        if (input.Height == 1 || input.Width == 1)
        {
            yield return "input.1wide";
        }

        if (input.Height % 2 == 1)
        {
            yield return "input.odd_height";
        }

        yield return $"stack.{network.Layers.Count}";
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var features = network.Layers[i] switch
            {
                Conv2d conv => OfConv(conv, network.InputShapeOf(i)),
                Activation act => OfActivation(act),
                Pool2d pool => OfPool(pool, network.InputShapeOf(i), network.Shapes[i]),
                ScaleShift => ["scale_shift"],
                Pad2d { Mode: PadMode.Constant } pad => [pad.Value == 0f ? "pad.constant.zero" : "pad.constant.value"],
                Pad2d pad => [$"pad.{pad.Mode.ToString().ToLowerInvariant()}"],
                ResidualAdd add => [add.From == ResidualAdd.NetworkInput ? "add.input" : "add.layer"],
                _ => [],
            };
            foreach (string f in features)
            {
                yield return f;
            }
        }
    }

    private static IEnumerable<string> OfConv(Conv2d conv, Shape3 input)
    {
        var k = conv.KernelSize;
        yield return $"conv.kernel.{k.Height}";
        yield return $"conv.kernel.{k.Width}";
        if (!k.IsSquare)
        {
            yield return "conv.kernel.nonsquare";
        }

        int flat = conv.Kernels.Count(kernel => kernel.Depth is null);
        yield return flat == conv.Filters ? "conv.kernel.2d" : flat == 0 ? "conv.kernel.3d" : "conv.kernel.mixed";
        var b = conv.Borders;
        if (conv.EffectiveKernel == new Size2(input.Height + b.Vertical, input.Width + b.Horizontal))
        {
            yield return "conv.kernel.fills_padded_input";
        }

        yield return input.Channels is 1 or 3 ? $"conv.channels.{input.Channels}" : "conv.channels.more";
        yield return $"conv.filters.{conv.Filters}";
        if (conv.Groups > 1)
        {
            yield return conv.Groups == input.Channels ? "conv.depthwise" : "conv.groups";
        }

        foreach (int s in new[] { conv.Stride.Height, conv.Stride.Width }.Where(s => s > 1))
        {
            yield return $"conv.stride.{s}";
        }

        if (!conv.Stride.IsSquare)
        {
            yield return "conv.stride.anisotropic";
        }

        yield return conv.Padding.Kind switch
        {
            Padding.PaddingKind.Same => "conv.padding.same",
            Padding.PaddingKind.Valid => "conv.padding.valid",
            _ when !conv.Padding.Sides.IsSymmetric => "conv.padding.asymmetric",
            _ => conv.Padding.Sides.Top == conv.Padding.Sides.Left ? "conv.padding.int" : "conv.padding.pair",
        };
        if (b.Top != b.Bottom || b.Left != b.Right)
        {
            yield return "conv.padding.same.uneven";
        }

        if (b.Max > 0 || conv.PaddingMode == PaddingMode.Zeros)
        {
            string mode = $"conv.mode.{conv.PaddingMode.ToString().ToLowerInvariant()}";
            yield return mode;

            // The limits: reflect up to size − 1, circular up to size, replicate without one.
            int widest = conv.PaddingMode == PaddingMode.Reflect ? -1 : 0;
            if (b.Top == input.Height + widest || b.Bottom == input.Height + widest
                || b.Left == input.Width + widest || b.Right == input.Width + widest)
            {
                yield return mode + ".widest";
            }

            if (b.Max > Math.Min(input.Height, input.Width))
            {
                yield return mode + ".beyond_input";
            }

            if (conv.PaddingMode != PaddingMode.Zeros && (input.Height == 1 || input.Width == 1))
            {
                yield return "conv.mode.padding_1wide";
            }
        }

        foreach (int d in new[] { conv.Dilation.Height, conv.Dilation.Width }.Where(d => d > 1))
        {
            yield return $"conv.dilation.{d}";
        }

        if (!conv.Dilation.IsSquare)
        {
            yield return "conv.dilation.anisotropic";
        }
    }

    private static IEnumerable<string> OfActivation(Activation act)
    {
        if (act.Kind == ActivationKind.LeakyRelu)
        {
            yield return act.Slope == Activation.DefaultSlope ? "act.leaky_relu.default" : "act.leaky_relu.custom";
        }
        else
        {
            yield return $"act.{act.Type}";
        }
    }

    private static IEnumerable<string> OfPool(Pool2d pool, Shape3 input, Shape3 output)
    {
        string kind = pool is MaxPool2d ? "max" : "avg";
        yield return $"pool.{kind}";
        var pad = pool.Padding;
        var eff = pool.EffectiveKernel;
        if (pad != default)
        {
            yield return "pool.padding";
            if (pad.Top == eff.Height / 2 && pad.Left == eff.Width / 2)
            {
                yield return "pool.padding.half_window";
            }

            if (!pad.IsSymmetric)
            {
                yield return "pool.padding.asymmetric";
            }
        }

        if (pool.Dilation != Size2.Square(1))
        {
            yield return "pool.max.dilation";
        }

        if (pool.Stride == pool.KernelSize)
        {
            yield return "pool.stride.default";
        }

        // The last window runs past the padded input only when ceil mode added it.
        bool partial = (((output.Height - 1) * pool.Stride.Height) + eff.Height > input.Height + pad.Vertical)
            || (((output.Width - 1) * pool.Stride.Width) + eff.Width > input.Width + pad.Horizontal);
        if (pool.CeilMode)
        {
            yield return "pool.ceil";
            if (partial)
            {
                yield return "pool.ceil.partial_window";
            }

            if (eff.Height > input.Height + pad.Vertical || eff.Width > input.Width + pad.Horizontal)
            {
                yield return "pool.ceil.window_beyond_padded_input";
            }
        }

        if (pool is AvgPool2d avg)
        {
            string divisor = avg.CountIncludePad ? "include_pad" : "exclude_pad";
            yield return $"pool.avg.{divisor}";
            if (pool.CeilMode && partial)
            {
                yield return $"pool.avg.ceil.{divisor}";
            }
        }
    }
}
