using LiveConv.Engine;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace LiveConv.Conformance;

/// <summary>
/// The reference engine against ONNX Runtime on seeded random networks (PyTorch semantics are the spec; ORT is the
/// independent implementation). A failure prints the seed and the whole case, so CaseGenerator.Generate(seed)
/// reproduces it.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public const int Batches = 20;
    public const int CasesPerBatch = 50;

    /// <summary>
    /// Inputs lie in [0, 1] and weights and biases in ±1/sqrt(fan-in), so values stay within a few units through a
    /// stack. The two engines sum up to 6·7·7 = 294 products in different orders; the typical float32 rounding
    /// difference, about sqrt(n)·2⁻²⁴·Σ|w·x| ≤ 17·6e-8·17 ≈ 1.7e-5 at the largest fan-in and far less at usual
    /// ones, bounds what is honest; the largest difference seen over the suite is 6e-7. 1e-5 keeps headroom over
    /// that while any semantic slip (a wrong border pixel, divisor or slope) moves values by 1e-3 or more. The ONNX
    /// layers keep to it: a scale-shift multiplies by at most 2 (one rounding), an add or a pad adds at most one
    /// rounding, Clip and max pooling none, and a scale-shift written as BatchNormalization divides by
    /// √((1 − ε) + ε), 1 to within one float step.
    /// </summary>
    public const float Atol = 1e-5f;

    public const float Rtol = 1e-5f;

    public static TheoryData<int> BatchIndices => [.. Enumerable.Range(0, Batches)];

    public static IEnumerable<int> AllSeeds => Enumerable.Range(0, Batches * CasesPerBatch);

    [Theory]
    [MemberData(nameof(BatchIndices))]
    public void Conv_RandomCases_MatchOnnxRuntime(int batch)
    {
        var failures = new List<string>();
        float maxDiff = 0f;
        foreach (int seed in Enumerable.Range(batch * CasesPerBatch, CasesPerBatch))
        {
            var c = CaseGenerator.Generate(seed);
            var ours = ReferenceEngine.Run(c.Network, c.Input);
            IReadOnlyList<Tensor> theirs;
            try
            {
                theirs = OnnxOracle.Run(c.Network, c.Input);
            }
            catch (Exception e) when (e is OnnxRuntimeException or InvalidOperationException)
            {
                // ORT refusing a network we accept is a finding too (or a writer bug); either way, show the case.
                failures.Add($"{c.Describe()}{Environment.NewLine}  ONNX Runtime failed: {e.Message}");
                continue;
            }

            for (int i = 0; i < ours.Count; i++)
            {
                maxDiff = MathF.Max(maxDiff, Allclose.MaxAbsDiff(ours[i], theirs[i]));
                string? mismatch = Allclose.FirstMismatch(ours[i], theirs[i], Atol, Rtol);
                if (mismatch is not null)
                {
                    failures.Add($"{c.Describe()}{Environment.NewLine}  layer {i} differs from ONNX Runtime {mismatch}");
                    break;
                }
            }
        }

        output.WriteLine($"largest |reference - ONNX Runtime| in this batch: {maxDiff:G3}");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {CasesPerBatch} cases differ (atol {Atol}, rtol {Rtol}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The input's per-channel mean and std (ImageNet's, in the network's channel order) on 8-bit frames: the reference
    /// converts and normalizes the frame itself; ONNX Runtime gets the scaled frame and a graph that starts with
    /// Sub(mean) and Div(std), as a PyTorch export does. Normalized inputs reach ±2.6, still within what the
    /// tolerance above was worked out for.
    /// </summary>
    [Fact]
    public void InputNormalization_RandomCases_MatchOnnxRuntime()
    {
        var failures = new List<string>();
        foreach (int seed in Enumerable.Range(0, CasesPerBatch))
        {
            var c = CaseGenerator.Generate(seed);
            var spec = c.Network.Input;
            bool gray = spec.Color == PixelFormat.Gray;
            var network = new Network(
                spec with { Mean = gray ? [0.449f] : [0.406f, 0.456f, 0.485f], Std = gray ? [0.226f] : [0.225f, 0.224f, 0.229f] },
                c.Network.Layers);
            var frame = new byte[spec.Width * spec.Height * spec.Color.Channels()];
            new Random(seed).NextBytes(frame);
            var scaled = new Tensor(network.InputShape);
            FrameConverter.Convert(frame, spec.Width, spec.Height, spec.Width * spec.Color.Channels(), spec.Color, spec.Color, spec.Scale, scaled);

            var ours = ReferenceEngine.Run(network, frame, spec.Color);
            var theirs = OnnxOracle.Run(network, scaled, normalizeInput: true);
            for (int i = 0; i < ours.Count; i++)
            {
                if (Allclose.FirstMismatch(ours[i], theirs[i], Atol, Rtol) is { } mismatch)
                {
                    failures.Add($"{c.Describe()}{Environment.NewLine}  layer {i} differs from ONNX Runtime {mismatch}");
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
