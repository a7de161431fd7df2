namespace LiveConv.Video.Sinks;

/// <summary>
/// How every output file is written: under <c>NAME.partial.EXT</c> next to its final name, then moved over it once
/// complete, synced to the disk before and after the rename (<see cref="DurableFile"/>). A file under its final name is
/// therefore always whole, after a power cut too; a kill mid-write leaves only the partial name, and
/// a failed write (a full disk, a refusing folder) leaves nothing new: the partial file is removed and the final name
/// keeps what it had.
/// </summary>
public static class PartialFile
{
    /// <summary>
    /// Where <paramref name="path"/> is written until it is complete: same folder (so the move is a rename), same
    /// extension last (OpenCV picks the encoder or container by it).
    /// </summary>
    public static string PathFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".partial" + Path.GetExtension(path));
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, which gets the partial file's stream, then gives
    /// it its final name (replacing a file there). If anything throws, the partial file is removed and the exception
    /// goes on.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string partial = PathFor(path);
        try
        {
            // Synced and closed before the move: the bytes are on the disk, or their error is thrown here.
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            DurableFile.Move(partial, path);
        }
        catch
        {
            Remove(partial);
            throw;
        }
    }

    private static void Remove(string partial)
    {
        try
        {
            File.Delete(partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder that refused the write may refuse the removal too; the first error is the one to report.
        }
    }
}
