namespace LiveConv.App.Running;

/// <summary>
/// Checks, before the source is opened and any frame processed, that every output can be written: its folder
/// exists or can be made, accepts a file, and has room for one; the output is not the input. A problem found
/// here costs the user nothing; the same problem found by a sink would cost them the run.
/// </summary>
public static class OutputPreflight
{
    /// <summary>Bytes written to probe a folder: enough that a full disk fails the write, not just the file's creation.</summary>
    private const int ProbeBytes = 1 << 16;

    /// <returns>One line saying which output cannot be written and why; null when all can.</returns>
    public static string? FindProblem(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Output is { } output)
        {
            string full = Path.GetFullPath(output);
            if (settings.Source is { } source && File.Exists(source) && Path.GetFullPath(source) == full)
            {
                return $"--output: '{output}' is the input; liveconv never writes over its source";
            }

            if (Directory.Exists(full))
            {
                return $"--output: '{output}' is a folder; give a file name such as {Path.Combine(output, "maps.mkv")}";
            }

            if (FolderProblem(Path.GetDirectoryName(full)!) is { } problem)
            {
                return $"--output: cannot write '{output}': {problem}";
            }
        }

        foreach (var (option, folder) in new[] { ("--dump", settings.DumpDirectory), ("--snapshot-dir", settings.SnapshotDirectory) })
        {
            if (folder is not null && FolderProblem(Path.GetFullPath(folder)) is { } problem)
            {
                return $"{option}: cannot write to '{folder}': {problem}";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="folder"/> (a full path) cannot take a file, or null when it can; made if missing.</summary>
    internal static string? FolderProblem(string folder)
    {
        // The nearest existing ancestor: a file there means the folder can never be made.
        for (string? at = folder; at is not null; at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                return $"'{at}' is a file, not a folder";
            }

            if (Directory.Exists(at))
            {
                break;
            }
        }

        string probe = Path.Combine(folder, $".liveconv-write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // What /proc and /sys answer: the folder is there but takes no new files.
            return $"'{folder}' does not accept new files (a read-only or virtual file system)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
