using System.Reflection;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// What a batch knows about its inputs: what earlier runs finished (every manifest in the output folder, checked by
/// <see cref="Resume"/>), and what this run finishes or fails (appended to this shard's manifest).
/// </summary>
public sealed class BatchLedger(Manifest manifest, IReadOnlyList<ManifestEntry> earlier, string configHash, string outputDirectory, Shard shard)
{
    private static readonly string Version =
        typeof(BatchLedger).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <inheritdoc cref="Resume.Done"/>
    public ManifestEntry? Done(BatchInput input, out string? reason) => Resume.Done(input, earlier, configHash, outputDirectory, out reason);

    /// <summary>Appends a done or failed file's line (a stopped file gets none: it is redone next time).</summary>
    public void Record(BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Kind is BatchOutcomeKind.Done or BatchOutcomeKind.Failed)
        {
            manifest.Append(Entry(outcome));
        }
    }

    private ManifestEntry Entry(BatchOutcome outcome)
    {
        var input = outcome.Input;
        var source = new FileInfo(input.Path);
        string? output = outcome.Kind == BatchOutcomeKind.Done ? outcome.Output : null;
        string? full = output is null ? null : Path.Combine(outputDirectory, output);
        return new ManifestEntry
        {
            Input = input.Key,
            Path = input.Path,
            Size = source.Exists ? source.Length : 0,
            Mtime = source.Exists ? source.LastWriteTimeUtc : default,
            Outcome = outcome.Kind == BatchOutcomeKind.Done ? ManifestEntry.Done : ManifestEntry.Failed,
            Error = outcome.Kind == BatchOutcomeKind.Failed ? outcome.Note : null,
            FramesIn = outcome.FramesIn,
            FramesOut = outcome.FramesOut,
            Skipped = outcome.Skipped,
            Fps = Math.Round(outcome.Fps, 2),
            Seconds = outcome.Fps > 0 ? Math.Round(outcome.FramesOut / outcome.Fps, 3) : 0,
            Output = output,
            OutputBytes = full is null ? 0 : new FileInfo(full).Length,
            OutputTailSha256 = full is null ? null : Manifest.TailHash(full),
            ConfigHash = configHash,
            Version = Version,
            Shard = shard.ToString(),
            Host = Environment.MachineName,
            Finished = DateTime.UtcNow,
        };
    }
}
