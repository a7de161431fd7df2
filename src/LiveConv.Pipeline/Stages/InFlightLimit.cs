namespace LiveConv.Pipeline.Stages;

/// <summary>
/// How many frames may be between the engine workers' take and the reorder stage at once. Without a bound, a worker that
/// stalls on one frame (a busy machine preempts its thread) lets the others run ahead, and every frame they finish
/// waits in the reorder stage for the late one while the pool makes new frames for the capture: the memory test
/// saw 100 MB appear in 200 frames that way. A worker takes a place before it takes a frame; the reorder
/// stage gives it back when the frame leaves in order.
/// </summary>
public sealed class InFlightLimit : IDisposable
{
    private readonly SemaphoreSlim _places;

    public InFlightLimit(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        _places = new SemaphoreSlim(size, size);
    }

    public int Size { get; }

    public Task EnterAsync(CancellationToken cancellationToken) => _places.WaitAsync(cancellationToken);

    public void Leave() => _places.Release();

    public void Dispose() => _places.Dispose();
}
