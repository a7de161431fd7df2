namespace LiveConv.Video.Rendering;

/// <summary>
/// For each pixel of a scaled line, the source pixels it covers: exactly one when enlarging (nearest neighbour, so
/// each source pixel is a block), several when shrinking (averaged, so a one-pixel line stays visible).
/// Precomputed once per (source, destination) length, as ImageSharp's KernelSamplingMap is per size.
/// </summary>
public sealed class Sampling
{
    private readonly int[] _start;
    private readonly int[] _end;

    public Sampling(int source, int destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(destination);
        Source = source;
        _start = new int[destination];
        _end = new int[destination];
        for (int i = 0; i < destination; i++)
        {
            int start = (int)((long)i * source / destination);
            _start[i] = start;
            _end[i] = Math.Max(start + 1, (int)((long)(i + 1) * source / destination));
        }

        OneToOne = destination >= source;
    }

    public int Source { get; }

    public int Length => _start.Length;

    /// <summary>Every pixel covers a single source pixel.</summary>
    public bool OneToOne { get; }

    public ReadOnlySpan<int> Start => _start;

    /// <summary>One past the last source pixel each covers.</summary>
    public ReadOnlySpan<int> End => _end;
}
