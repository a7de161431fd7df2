using System.Globalization;
using System.Diagnostics;

namespace LiveConv.Video.Tests.Corpus;

/// <summary>What happens to files on disks and networks: random bytes, zeroed blocks, a lost keyframe, a cut-off tail.</summary>
internal static class Damage
{
    public static void Garbage(string path, double at, int length)
    {
        var bytes = new byte[length];
        new Random(6).NextBytes(bytes);
        Overwrite(path, (long)(new FileInfo(path).Length * at), bytes);
    }

    public static void Zeros(string path, double at, int length) => Overwrite(path, (long)(new FileInfo(path).Length * at), new byte[length]);

    public static void CutTail(string path, double keep)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength((long)(file.Length * keep));
    }

    /// <summary>Random bytes over the middle keyframe's data, its first 8 bytes (sizes, NAL header) kept.</summary>
    public static void LoseMiddleKeyframe(string path)
    {
        var keyframes = Packets(path).Where(p => p.Key).ToList();
        var (position, size, _) = keyframes[keyframes.Count / 2];
        var bytes = new byte[size - 8];
        new Random(2).NextBytes(bytes);
        Overwrite(path, position + 8, bytes);
    }

    private static List<(long Position, int Size, bool Key)> Packets(string path)
    {
        using var probe = Process.Start(new ProcessStartInfo("ffprobe",
            ["-v", "quiet", "-select_streams", "v:0", "-show_entries", "packet=pos,size,flags", "-of", "csv=p=0", path]) { RedirectStandardOutput = true })!;
        var packets = probe.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(','))
            .Select(f => (long.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[0], CultureInfo.InvariantCulture), f[2].Contains('K', StringComparison.Ordinal)))
            .ToList();
        probe.WaitForExit();
        return packets;
    }

    private static void Overwrite(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(bytes);
    }
}
