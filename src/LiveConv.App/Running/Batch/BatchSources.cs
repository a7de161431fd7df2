using System.Security.Cryptography;
using System.Text;
using LiveConv.App.Cli;
using LiveConv.Video.Sources;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// Turns <c>--source</c> values into the inputs of a batch. A batch is several values, a glob (<c>'clips/*.mp4'</c>),
/// a list (<c>@list.txt</c>), or a folder whose files are videos; a folder of images stays one image sequence, and a
/// folder with both is refused rather than guessed at.
/// </summary>
public static class BatchSources
{
    /// <summary>What a folder's files must end with to be taken as videos (case ignored).</summary>
    public static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".flv", ".wmv", ".ogv", ".3gp",
    };

    private static readonly char[] Wildcards = ['*', '?'];

    /// <summary>Whether these values name a batch rather than one source.</summary>
    /// <exception cref="UsageException">A folder holds both images and videos.</exception>
    public static bool IsBatch(IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (specs.Count != 1)
        {
            return specs.Count > 1;
        }

        string spec = specs[0];
        return spec.StartsWith('@') || IsGlob(spec) || (Directory.Exists(spec) && FolderVideos(spec).Length > 0);
    }

    /// <summary>
    /// Every input, in key order, named. Names are the file names without extension; where two inputs share one (a/x.mp4
    /// and b/x.mp4, or x.mp4 and x.avi) each gets <c>-</c> and 8 hex digits of its key's SHA-256 added, which depends
    /// only on the input itself, so every shard of a batch names it the same.
    /// </summary>
    /// <exception cref="UsageException">A list is missing, a glob or folder matches nothing, or a value is not a file.</exception>
    public static IReadOnlyList<BatchInput> Resolve(IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        // One value: keys relative to its folder, list or glob root; several: relative to the current folder.
        string? commonBase = specs.Count > 1 ? Directory.GetCurrentDirectory() : null;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string spec in specs)
        {
            var (root, paths) = Expand(spec);
            foreach (string path in paths)
            {
                string key = Path.GetRelativePath(commonBase ?? root, path).Replace(Path.DirectorySeparatorChar, '/');
                found.TryAdd(key, path);
            }
        }

        var keys = found.Keys.Order(StringComparer.Ordinal).ToList();
        var shared = keys.GroupBy(Stem, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
        return keys.Select(k => new BatchInput(found[k], k, shared.Contains(k) ? $"{Stem(k)}-{KeyHash(k)[..8]}" : Stem(k))).ToList();
    }

    /// <summary>The hex SHA-256 of a key, which names colliding inputs and spreads them over shards.</summary>
    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Stem(string key) => Path.GetFileNameWithoutExtension(key);

    private static bool IsGlob(string spec) => spec.IndexOfAny(Wildcards) >= 0 && !File.Exists(spec);

    private static (string Root, IEnumerable<string> Paths) Expand(string spec)
    {
        if (spec.StartsWith('@'))
        {
            return List(spec[1..]);
        }

        if (IsGlob(spec))
        {
            var (root, matches) = Glob(spec);
            return matches.Count > 0 ? (root, matches) : throw new UsageException($"--source: '{spec}' matches no file");
        }

        string full = Path.GetFullPath(spec);
        if (Directory.Exists(full))
        {
            var videos = FolderVideos(full);
            return videos.Length > 0
                ? (full, videos)
                : throw new UsageException($"--source: folder '{spec}' has no videos ({string.Join(", ", VideoExtensions.Order(StringComparer.Ordinal))}); in a batch every folder must hold videos");
        }

        // A missing file is kept: it fails on its own, with its own line, and the rest of the batch goes on.
        return (Path.GetDirectoryName(full)!, [full]);
    }

    /// <summary>A folder's videos (not its subfolders'); refused when it also holds images, which would be another source.</summary>
    private static string[] FolderVideos(string folder)
    {
        var files = Directory.EnumerateFiles(folder).ToList();
        var videos = files.Where(f => VideoExtensions.Contains(Path.GetExtension(f))).Select(Path.GetFullPath).ToArray();
        int images = files.Count(ImageSequenceSource.IsImage);
        if (videos.Length > 0 && images > 0)
        {
            throw new UsageException($"--source: folder '{folder}' holds both images ({images}) and videos ({videos.Length}); "
                + $"a folder of images is one image sequence and a folder of videos a batch: give one kind, or a glob such as '{Path.Combine(folder, "*.mp4")}'");
        }

        return videos;
    }

    /// <summary>One path a line, relative to the list's folder; blank lines and lines starting with # are ignored.</summary>
    private static (string Root, IEnumerable<string> Paths) List(string list)
    {
        if (!File.Exists(list))
        {
            throw new UsageException($"--source: list file '{list}' does not exist (write @FILE, one video path a line)");
        }

        string root = Path.GetDirectoryName(Path.GetFullPath(list))!;
        var paths = File.ReadLines(list)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Path.GetFullPath(l, root))
            .ToList();
        return paths.Count > 0 ? (root, paths) : throw new UsageException($"--source: list file '{list}' names no video");
    }

    /// <summary>
    /// Expands * and ? segment by segment (a wildcard may stand in a folder's name too); the root is the folder before the
    /// first wildcard, so keys do not depend on where the archive is mounted.
    /// </summary>
    private static (string Root, List<string> Matches) Glob(string pattern)
    {
        string full = Path.GetFullPath(pattern);
        string[] segments = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        int first = Array.FindIndex(segments, s => s.IndexOfAny(Wildcards) >= 0);
        string root = Path.GetPathRoot(full)! + string.Join(Path.DirectorySeparatorChar, segments[..first]);
        var options = new EnumerationOptions { MatchType = MatchType.Simple, IgnoreInaccessible = true };
        IEnumerable<string> level = Directory.Exists(root) ? [root] : [];
        for (int i = first; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool last = i == segments.Length - 1;
            level = level.SelectMany(dir => segment.IndexOfAny(Wildcards) < 0
                ? [Path.Combine(dir, segment)]
                : last ? Directory.EnumerateFiles(dir, segment, options) : Directory.EnumerateDirectories(dir, segment, options));
        }

        return (root, level.Where(File.Exists).ToList());
    }
}
