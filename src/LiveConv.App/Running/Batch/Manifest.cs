using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveConv.Video.Sinks;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// A batch's record in its output folder: one JSON line per file that finished, appended and synced to the disk once
/// its output is complete, so a line never speaks for an output that a power cut could still lose. Each shard appends
/// to its own file (<see cref="Shard.ManifestName"/>); a run reads them all, whatever shard count wrote them.
/// </summary>
public sealed class Manifest : IDisposable
{
    /// <summary>How much of an output's end resume hashes: a file cut short or rewritten there is not trusted.</summary>
    public const int TailBytes = 64 * 1024;

    /// <summary>snake_case; '+' and non-ASCII paths written as they are (the file is read by people and scripts, never embedded in HTML).</summary>
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _file;
    private readonly Lock _lock = new();

    public Manifest(string path)
    {
        Path = path;
        bool created = !File.Exists(path);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        if (created)
        {
            DurableFile.SyncFolder(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        }
    }

    public string Path { get; }

    public void Append(ManifestEntry entry)
    {
        byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(entry, Json), (byte)'\n'];
        lock (_lock)
        {
            _file.Write(line);
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Every entry of every manifest in <paramref name="folder"/>; a line cut short by a kill is passed over.</summary>
    public static IReadOnlyList<ManifestEntry> ReadAll(string folder)
    {
        var entries = new List<ManifestEntry>();
        if (!Directory.Exists(folder))
        {
            return entries;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "manifest*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file))
            {
                try
                {
                    if (JsonSerializer.Deserialize<ManifestEntry>(line, Json) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                    // The last line of a manifest whose writer was killed mid-write.
                }
            }
        }

        return entries;
    }

    /// <summary>The SHA-256 of the last <see cref="TailBytes"/> of a file.</summary>
    public static string TailHash(string path)
    {
        using var stream = File.OpenRead(path);
        stream.Position = Math.Max(0, stream.Length - TailBytes);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
