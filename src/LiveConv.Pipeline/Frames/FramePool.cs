using System.Collections.Concurrent;

namespace LiveConv.Pipeline.Frames;

/// <summary>
/// Frames to reuse. Rent takes one back if there is one; a frame comes back when the sinks are done with it or
/// when a live channel drops it. The number of frames ever made stays at what the pipeline holds at once.
/// </summary>
public sealed class FramePool
{
    private readonly ConcurrentQueue<Frame> _free = new();
    private int _created;

    /// <summary>How many frames this pool has made; flat in steady state.</summary>
    public int Created => Volatile.Read(ref _created);

    public Frame Rent()
    {
        if (_free.TryDequeue(out var frame))
        {
            frame.Reset();
            return frame;
        }

        Interlocked.Increment(ref _created);
        return new Frame();
    }

    public void Return(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _free.Enqueue(frame);
    }
}
