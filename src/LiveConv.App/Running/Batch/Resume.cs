using System.Globalization;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// Whether a batch input is already done: its latest manifest entry says done for the same config hash and the same
/// input (size and write time), and the output it names is there with the recorded size and the same last 64 KB. The
/// check reads the file, not just its name: an output cut short, replaced or edited since is redone.
/// </summary>
public static class Resume
{
    /// <param name="reason">Why it is redone although an entry says done (for the file's line); null otherwise.</param>
    /// <returns>The entry that makes it done, or null to process it.</returns>
    public static ManifestEntry? Done(BatchInput input, IReadOnlyList<ManifestEntry> manifest, string configHash, string outputFolder, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifest);
        reason = null;
        var entry = manifest
            .Where(e => e.Input == input.Key && e.Outcome == ManifestEntry.Done && e.ConfigHash == configHash)
            .MaxBy(e => e.Finished);
        if (entry is null)
        {
            return null;
        }

        var source = new FileInfo(input.Path);
        if (!source.Exists || source.Length != entry.Size || source.LastWriteTimeUtc != entry.Mtime)
        {
            reason = "the input changed since it was done";
            return null;
        }

        var output = new FileInfo(Path.Combine(outputFolder, entry.Output ?? ""));
        if (entry.Output is null || !output.Exists)
        {
            reason = $"its output {entry.Output} is missing";
            return null;
        }

        if (output.Length != entry.OutputBytes || Manifest.TailHash(output.FullName) != entry.OutputTailSha256)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"its output {entry.Output} is not the one the manifest recorded ({output.Length} bytes, {entry.OutputBytes} recorded{(output.Length == entry.OutputBytes ? ", other content" : "")})");
            return null;
        }

        return entry;
    }
}
