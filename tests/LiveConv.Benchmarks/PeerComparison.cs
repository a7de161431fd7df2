using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveConv.Benchmarks.Peers;
using LiveConv.Benchmarks.Workloads;
using LiveConv.Engine.Reference;

namespace LiveConv.Benchmarks;

/// <summary>
/// LiveConv against its peers in one process: every peer checked against the scalar reference first, then
/// timed frame by frame in interleaved rounds (the order rotates) so drift hits everyone alike.
/// </summary>
public sealed class PeerComparison(IReadOnlyList<IPeer> peers, int rounds, int framesPerRound, MachineBounds bounds, TextWriter log)
{
    /// <summary>Of the reference output's largest magnitude, at least 1: ResNet-18's maps reach ±50, where float32 sums in
    /// another order (OpenCV DNN's Winograd convolutions) differ by 1e-4 and more.</summary>
    public const double Tolerance = 1e-4;

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    public sealed record PeerResult(string Name, double MedianMs, double MinMs, string? Note);

    public sealed record WorkloadResult(Workload Workload, IReadOnlyList<PeerResult> Results);

    public IReadOnlyList<WorkloadResult> Run(IEnumerable<Workload> workloads) => workloads.Select(Run).ToArray();

    public WorkloadResult Run(Workload workload)
    {
        log.WriteLine($"{workload.Id} {workload.Title}: reference output ...");
        var expected = ReferenceEngine.Run(workload.Network, workload.Frame, workload.FrameFormat)[^1].Data;

        var notes = new Dictionary<IPeer, string>();
        var timed = new List<IPeer>();
        foreach (var peer in peers)
        {
            try
            {
                peer.Prepare(workload);
                peer.Run();
                double diff = MaxAbsDiff(peer.Output, expected);
                if (diff <= Tolerance * Math.Max(1, expected.Max(MathF.Abs)))
                {
                    timed.Add(peer);
                }
                else
                {
                    notes[peer] = $"wrong: max abs diff {diff:g3}";
                }
            }
            catch (NotSupportedException e)
            {
                notes[peer] = $"n/a: {e.Message}";
            }
            catch (Exception e) when (e is OpenCvSharp.OpenCVException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                notes[peer] = $"failed: {e.Message.Split('\n')[0]}";
            }
        }

        var samples = timed.ToDictionary(p => p, _ => new List<double>());
        foreach (var p in timed)
        {
            WarmUp(p);
        }

        for (int r = 0; r < rounds; r++)
        {
            for (int j = 0; j < timed.Count; j++)
            {
                var p = timed[(j + r) % timed.Count];

                WaitUntilIdle();
                for (int f = 0; f < framesPerRound; f++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    p.Run();
                    samples[p].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
        }

        var results = peers.Select(p => samples.TryGetValue(p, out var s)
            ? new PeerResult(p.Name, Median(s), s.Min(), null)
            : new PeerResult(p.Name, double.NaN, double.NaN, notes[p])).ToArray();
        return new WorkloadResult(workload, results);
    }

    /// <summary>
    /// Runs a peer for at least <see cref="WarmUpTime"/> and 3 frames before it is timed: .NET's tiered JIT compiles the
    /// methods a frame calls again, optimized, a few hundred milliseconds after they are first called, on a background
    /// thread that shares the cores with the frame (W6: frames 9 to 12 after 5 took 25-35 ms instead of 15).
    /// </summary>
    private static void WarmUp(IPeer peer)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 3 || Stopwatch.GetElapsedTime(start) < WarmUpTime; i++)
        {
            peer.Run();
        }
    }

    /// <summary>
    /// Returns once no thread of this process has used the CPU for two 10 ms windows in a row (at most a second): the
    /// previous peer's thread pool may still be spinning (ONNX Runtime's spins about 50 ms after a run), and a peer
    /// timed meanwhile shares its cores with it.
    /// </summary>
    private static void WaitUntilIdle()
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (int quiet = 0, windows = 0; quiet < 2 && windows < 100; windows++)
        {
            Thread.Sleep(10);
            process.Refresh();
            var now = process.TotalProcessorTime;
            quiet = (now - before).TotalMilliseconds < 1 ? quiet + 1 : 0;
            before = now;
        }
    }

    public string Markdown(IReadOnlyList<WorkloadResult> results)
    {
        var sb = new StringBuilder();
        foreach (var w in results)
        {
            var wl = w.Workload;
            double bound = bounds.BoundMs(wl);
            var others = w.Results.Where(r => r.Note is null && !r.Name.StartsWith("liveconv", StringComparison.Ordinal)).ToArray();
            double fastestPeer = others.Length == 0 ? double.NaN : others.Min(r => r.MedianMs);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"**{wl.Id} {wl.Title}**: {wl.Width}x{wl.Height} {wl.FrameFormat} → {wl.Network.OutputShape}; bound {bound:0.00} ms " +
                $"(compute {bounds.ComputeMs(wl):0.00}, memory {bounds.MemoryMs(wl):0.00})");
            sb.AppendLine();
            sb.AppendLine("| peer | median ms | min ms | frames/s | × fastest peer | × bound |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var r in w.Results)
            {
                sb.AppendLine(r.Note is null
                    ? string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.MedianMs:0.00} | {r.MinMs:0.00} | {1000 / r.MedianMs:0} | {r.MedianMs / fastestPeer:0.00} | {r.MedianMs / bound:0.0} |")
                    : $"| {r.Name} | — | — | — | — | {r.Note} |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    public static string Json(IReadOnlyList<WorkloadResult> results) => JsonSerializer.Serialize(
        new
        {
            workloads = results.Select(w => new
            {
                id = w.Workload.Id,
                title = w.Workload.Title,
                results = w.Results.Select(r => new { name = r.Name, medianMs = Finite(r.MedianMs), minMs = Finite(r.MinMs), note = r.Note }),
            }),
        },
        new JsonSerializerOptions { WriteIndented = true });

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return double.IsNaN(max) ? double.PositiveInfinity : max;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
