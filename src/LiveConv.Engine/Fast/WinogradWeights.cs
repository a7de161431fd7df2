using LiveConv.Engine.Layers;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Winograd's filter transform, once per model: U = G g Gᵀ for every filter and phase channel (a stride-2 kernel's
/// taps (2a + p, 2b + q) for row and column phase p, q), in double and rounded once, packed per filter block as the
/// point products read it, [point][phase channel][filter].
/// </summary>
internal static class WinogradWeights
{
    /// <param name="channels">Phase channels: the input's channels times stride².</param>
    public static FilterBlock[] Pack(Conv2d conv, int channels, FoldedScaleShift folded, int maxCount)
    {
        int r = WinogradConvolution.TapsOf(conv), s = conv.Stride.Height, k = conv.KernelSize.Height;
        bool large = r == WinogradF44.Taps;
        int alpha = large ? WinogradF44.Alpha : WinogradF43.Alpha, points = alpha * alpha;
        Func<int, int, double> g = large ? WinogradF44.G : WinogradF43.G;
        return FilterBlock.Split(conv, maxCount).Select(b =>
        {
            var weights = new PinnedArray<float>(points * channels * b.Count);
            var bias = new PinnedArray<float>(6);
            var phase = new double[r, r];
            for (int f = 0; f < b.Count; f++)
            {
                int filter = b.First + f;
                var kernel = conv.Kernels[filter];
                bias.Span[f] = folded.Bias(filter, kernel.Bias);
                for (int ch = 0; ch < channels; ch++)
                {
                    // The phase's kernel: taps (s·a + p, s·e + q), zero past the kernel's side.
                    int c = ch / (s * s), p = ch / s % s, q = ch % s;
                    for (int a = 0; a < r; a++)
                    {
                        for (int e = 0; e < r; e++)
                        {
                            int m = (s * a) + p, n = (s * e) + q;
                            phase[a, e] = m < k && n < k ? folded.Weight(filter, kernel.Weight(c, m, n)) : 0;
                        }
                    }

                    for (int i = 0; i < alpha; i++)
                    {
                        for (int j = 0; j < alpha; j++)
                        {
                            double u = 0;
                            for (int a = 0; a < r; a++)
                            {
                                for (int e = 0; e < r; e++)
                                {
                                    u += g(i, a) * phase[a, e] * g(j, e);
                                }
                            }

                            weights.Span[(((((i * alpha) + j) * channels) + ch) * b.Count) + f] = (float)u;
                        }
                    }
                }
            }

            return new FilterBlock(b.First, b.Count, weights, bias);
        }).ToArray();
    }
}
