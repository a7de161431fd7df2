namespace LiveConv.Engine.Fast;

/// <summary>Work split into row bands; <paramref name="worker"/> (0 ≤ worker &lt; degree of parallelism) picks the scratch buffers.</summary>
internal interface IBandWork
{
    void RunBand(int band, int worker);
}
