namespace LiveConv.App.Live;

/// <summary>Where the live view finds configs and puts snapshots and recordings.</summary>
public sealed record LiveOptions
{
    /// <summary>The folder the digit keys pick configs from (sorted by file name): --config-dir, else the --config file's folder.</summary>
    public required string ConfigDirectory { get; init; }

    public string SnapshotDirectory { get; init; } = "snapshots";

    /// <summary>Where the v key's recordings go, a new file each time (<see cref="Recorder.NextPath"/>).</summary>
    public string RecordingDirectory { get; init; } = "recordings";

    /// <summary>Whether --output or --snapshot-every need every frame's mosaic (else it is drawn only for a recording).</summary>
    public bool FileOutputs { get; init; }

    /// <summary>A line for the HUD while the source is away (a camera reconnecting), else null; read every frame.</summary>
    public Func<string?> SourceStatus { get; init; } = () => null;

    /// <summary>The .json files of <paramref name="directory"/> but the schema, by name: what 1, 2, … 9, 0 pick.</summary>
    public static IReadOnlyList<string> ConfigFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.json")
                .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Take(10)
                .ToArray()
            : [];

    /// <summary>
    /// The help overlay's lines saying what each digit picks in <paramref name="directory"/>: <c>1 classic  2 color  …</c>
    /// (file names without .json, the 10th as 0), five to a line so they fit the window.
    /// </summary>
    public static IReadOnlyList<string> ConfigKeys(string directory)
    {
        var files = ConfigFiles(directory);
        if (files.Count == 0)
        {
            return [$"1-9,0 configs: none in {directory}"];
        }

        return files
            .Select((file, i) => $"{(i + 1) % 10} {Path.GetFileNameWithoutExtension(file)}")
            .Chunk(5)
            .Select(keys => string.Join("  ", keys))
            .ToArray();
    }
}
