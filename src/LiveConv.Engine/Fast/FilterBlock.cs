using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Filters the direct kernel accumulates together (all in one conv group), with their weights packed [tap][filter]
/// so the kernel's broadcasts read memory in order.
/// </summary>
internal sealed class FilterBlock
{
    public FilterBlock(int firstFilter, int count, PinnedArray<float> weights, PinnedArray<float> bias)
    {
        FirstFilter = firstFilter;
        Count = count;
        Weights = weights;
        Bias = bias;
    }

    public int FirstFilter { get; }

    public int Count { get; }

    public PinnedArray<float> Weights { get; }

    /// <summary>Padded to six, the widest block.</summary>
    public PinnedArray<float> Bias { get; }

    /// <summary>Splits each group's filters into near-equal blocks of at most <paramref name="maxCount"/> (10 → 5 + 5, not 6 + 4).</summary>
    public static IEnumerable<(int First, int Count)> Split(Conv2d conv, int maxCount)
    {
        int perGroup = conv.Filters / conv.Groups;
        int blocksPerGroup = (perGroup + maxCount - 1) / maxCount;
        for (int g = 0; g < conv.Groups; g++)
        {
            int first = g * perGroup;
            for (int b = 0; b < blocksPerGroup; b++)
            {
                int count = (perGroup / blocksPerGroup) + (b < perGroup % blocksPerGroup ? 1 : 0);
                yield return (first, count);
                first += count;
            }
        }
    }

    /// <param name="channels">Channels per tap set: 1 for the channel-sum path.</param>
    /// <param name="folded">The scale-shifts folded into each filter.</param>
    public static FilterBlock[] Pack(Conv2d conv, int channels, int maxCount, FoldedScaleShift folded)
    {
        int kh = conv.KernelSize.Height, kw = conv.KernelSize.Width, taps = channels * kh * kw;
        return Split(conv, maxCount).Select(block =>
        {
            var (first, count) = block;
            var weights = new PinnedArray<float>(taps * count);
            var bias = new PinnedArray<float>(6);
            for (int f = 0; f < count; f++)
            {
                var kernel = conv.Kernels[first + f];
                bias.Span[f] = folded.Bias(first + f, kernel.Bias);
                int t = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int m = 0; m < kh; m++)
                    {
                        for (int n = 0; n < kw; n++, t++)
                        {
                            weights.Span[(t * count) + f] = folded.Weight(first + f, kernel.Weight(c, m, n));
                        }
                    }
                }
            }

            return new FilterBlock(first, count, weights, bias);
        }).ToArray();
    }
}
