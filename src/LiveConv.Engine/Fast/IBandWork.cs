namespace LiveConv.Engine.Fast;

/// <summary>Work split into row bands; the worker index (0 ≤ worker &lt; degree of parallelism) picks the scratch buffers.</summary>
internal interface IBandWork
{
    void RunBand(int band, int worker);
}
