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
    /// that while any semantic slip (a wrong border pixel, divisor or slope) moves values by 1e-3 or more.
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
}
