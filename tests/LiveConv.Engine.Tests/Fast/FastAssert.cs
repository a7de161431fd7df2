using LiveConv.Engine.Fast;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>Runs the fast engine and the reference on one frame and compares every materialized layer.</summary>
internal static class FastAssert
{
    /// <summary>Float sums run in another order: 1e-4 of the layer's largest magnitude (at least 1).</summary>
    public const float RelativeTolerance = 1e-4f;

    public static void MatchesReference(Network network, byte[] frame, PixelFormat format, RunnerOptions options, int extraStride = 0)
    {
        var reference = ReferenceEngine.Run(network, frame, format);
        int rowBytes = network.Input.Width * format.Channels();
        int stride = rowBytes + extraStride;
        var strided = new byte[(network.Input.Height * stride) - extraStride];
        for (int y = 0; y < network.Input.Height; y++)
        {
            frame.AsSpan(y * rowBytes, rowBytes).CopyTo(strided.AsSpan(y * stride));
        }

        using var runner = new NetworkRunner(network, options);
        for (int run = 0; run < 2; run++)
        {
            // Twice: stale band buffers from the first frame must not leak into the second.
            runner.Run(strided, stride, format);
            var layers = options.MaterializedLayers ?? [network.Layers.Count - 1];
            foreach (int i in layers)
            {
                Equal(reference[i], runner.Output(i), $"layer {i} ({network.Layers[i].Describe()}), tier {runner.Tier}, run {run}");
            }
        }
    }

    public static void Equal(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        float magnitude = 1f;
        foreach (float v in expected.Data)
        {
            magnitude = Math.Max(magnitude, Math.Abs(v));
        }

        float tolerance = RelativeTolerance * magnitude;
        for (int i = 0; i < expected.Data.Length; i++)
        {
            float diff = Math.Abs(expected.Data[i] - actual.Data[i]);
            if (!(diff <= tolerance))
            {
                int plane = expected.Shape.PlaneLength;
                Assert.Fail($"{what}: at c={i / plane} y={i % plane / expected.Width} x={i % expected.Width} expected {expected.Data[i]}, got {actual.Data[i]} (tolerance {tolerance}).");
            }
        }
    }

    public static IEnumerable<SimdTier> Tiers() => Enum.GetValues<SimdTier>().Where(t => t <= SimdTiers.Best);
}
