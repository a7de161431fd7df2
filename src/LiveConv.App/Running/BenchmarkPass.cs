namespace LiveConv.App.Running;

/// <summary>One timed pass over a file.</summary>
public sealed record BenchmarkPass(string Name, long Frames, TimeSpan Elapsed)
{
    public double Fps => Frames / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
