using System.Diagnostics;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// A tmpfs of a few KB to fill up: the only honest way to test a full disk. Mounting needs root (the test
/// containers run as root, where chmod cannot make a folder read-only either); elsewhere the tests are skipped.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static bool CanMount { get; } = Probe();

    public static SmallDisk Mount(string kilobytes)
    {
        string path = LiveconvProcess.TempDirectory();
        Assert.Equal(0, Exec("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path));
        return new SmallDisk(path);
    }

    public void Dispose() => Exec("umount", Path);

    private static bool Probe()
    {
        try
        {
            using var disk = Mount("16");
            return true;
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int Exec(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>: skipped, with the reason, where tmpfs cannot be mounted.</summary>
internal sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (!SmallDisk.CanMount)
        {
            Skip = "needs mount -t tmpfs (root): a full disk cannot be simulated otherwise";
        }
    }
}
