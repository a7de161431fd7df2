namespace LiveConv.App.Running.Batch;

/// <summary>Everything a batch was asked to do: the sources, where its outputs go, its share, and the settings every file runs with.</summary>
public sealed record BatchPlan
{
    /// <summary>The <c>--source</c> values: files, folders of videos, globs, @lists.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary><c>--output-dir</c>: NAME.mkv, NAME/ and the manifests.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The per-file folder for <c>--dump</c>, inside <c>DIR/NAME/</c>; null for no dump.</summary>
    public string? DumpFolder { get; init; }

    /// <summary>The per-file folder for <c>--snapshot-dir</c> (with --snapshot-every), inside <c>DIR/NAME/</c>.</summary>
    public string? SnapshotFolder { get; init; }

    /// <summary><c>--force</c>: redo inputs the manifest says are done.</summary>
    public bool Force { get; init; }

    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Files in flight at once (<see cref="BatchRun.Lanes"/>); the benchmark sets 1 to show what the overlap is worth.</summary>
    public int Lanes { get; init; } = BatchRun.Lanes;

    /// <summary>Settings shared by every file (config, layer, mosaic, frames, workers); their Source and Output are unused.</summary>
    public required RunSettings Settings { get; init; }
}
