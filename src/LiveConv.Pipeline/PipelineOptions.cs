namespace LiveConv.Pipeline;

public sealed record PipelineOptions
{
    /// <summary>Live: channels drop the oldest frame rather than queue. File: every frame waits its turn.</summary>
    public bool Live { get; init; }

    /// <summary>Engine workers running frames in parallel, each with its own engine.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Frames each channel holds; small for live sources, so latency stays low.</summary>
    public int Capacity { get; init; } = 2;

    /// <summary>Stop after this many captured frames.</summary>
    public long? MaxFrames { get; init; }

    /// <summary>
    /// Hold each frame back to its source time even when the source does not pace itself: a file or the synthetic
    /// scene shown in a window plays at its own speed (and still loses no frame) rather than fast-forward.
    /// </summary>
    public bool Pace { get; init; }

    /// <summary>Hand frames to a window (see <see cref="Display.DisplayLoop"/>) after the sinks.</summary>
    public bool Display { get; init; }

    /// <summary>
    /// The frames to run on; null for a pool of this pipeline's own. A batch gives each of its lanes one pool for all
    /// its files, so that one file's buffers are reused by the next instead of becoming hundreds of megabytes of
    /// large-object garbage per file.
    /// </summary>
    public Frames.FramePool? Pool { get; init; }

    /// <summary>Where the network shown on the HUD lives when it may change during the run; null: the one given to the pipeline.</summary>
    public Engine.NetworkSlot? Network { get; init; }
}
