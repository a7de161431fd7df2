namespace LiveConv.App.Running.Batch;

/// <summary>
/// One line of a batch's manifest (JSON, snake_case): what was read, what came of it and under which config. A file
/// is only "done" once its output is complete under its final name; a failed file is retried by the next run.
/// </summary>
public sealed record ManifestEntry
{
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>The input's key: its path relative to the folder, list or glob root (<see cref="BatchInput.Key"/>).</summary>
    public required string Input { get; init; }

    /// <summary>Where it was read from on the machine that processed it.</summary>
    public required string Path { get; init; }

    /// <summary>The input's size in bytes and last write time (UTC): a changed input is redone.</summary>
    public long Size { get; init; }

    public DateTime Mtime { get; init; }

    /// <summary><see cref="Done"/> or <see cref="Failed"/>.</summary>
    public required string Outcome { get; init; }

    public string? Error { get; init; }

    public long FramesIn { get; init; }

    public long FramesOut { get; init; }

    /// <summary>Frames lost to damage, counted by timestamps at the stream's rate (see DamageNotice).</summary>
    public long Skipped { get; init; }

    public double Fps { get; init; }

    public double Seconds { get; init; }

    /// <summary>The mosaic video, relative to the output folder.</summary>
    public string? Output { get; init; }

    /// <summary>The output's size and the SHA-256 of its last 64 KB: what resume checks before it trusts the output.</summary>
    public long OutputBytes { get; init; }

    public string? OutputTailSha256 { get; init; }

    public required string ConfigHash { get; init; }

    public required string Version { get; init; }

    /// <summary>K/N of the shard that wrote it.</summary>
    public required string Shard { get; init; }

    public required string Host { get; init; }

    public DateTime Finished { get; init; }
}
