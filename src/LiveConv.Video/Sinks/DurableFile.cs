using System.Runtime.InteropServices;
using System.Text;

namespace LiveConv.Video.Sinks;

/// <summary>
/// The two steps that make a rename mean "complete" after a power cut too: the file's bytes reach the disk before the
/// rename (fsync), and the rename itself reaches it after (fsync of the folder). Without them a journaling file
/// system may commit the rename first, and a cut leaves an empty or short file under the final name.
/// </summary>
public static class DurableFile
{
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="path"/>'s data from the OS cache to the disk.</summary>
    public static void Sync(string path)
    {
        // Opened for writing (not truncated): .NET only passes a flush to disk on to fsync for a writable handle.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> (replacing it), then syncs the folder that holds the new name.</summary>
    public static void Move(string from, string to)
    {
        File.Move(from, to, overwrite: true);
        SyncFolder(Path.GetDirectoryName(Path.GetFullPath(to))!);
    }

    /// <summary>Syncs a folder's entries: a file just created in it (a manifest) survives a power cut by name too.</summary>
    public static void SyncFolder(string folder)
    {
        // Windows has no folder fsync; NTFS journals the rename with its metadata.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = NativeMethods.open(Encoding.UTF8.GetBytes(folder + '\0'), ReadOnly);
        if (fd < 0)
        {
            return;
        }

        // The result is not checked: some file systems (CIFS, some FUSE ones) refuse to sync a folder, and by then the
        // file's data is on the disk and the rename done; there is nothing better to do than go on.
        _ = NativeMethods.fsync(fd);
        _ = NativeMethods.close(fd);
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int fd);

        [DllImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);
    }
}
