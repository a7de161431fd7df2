using System.Diagnostics;

namespace LiveConv.App.Tests.Cli;

/// <summary>Inputs the robustness tests make themselves: clips from ffmpeg's test sources, then cut or damaged.</summary>
internal static class TestMedia
{
    /// <summary>A test-pattern clip; h264 (libx264) for .mp4 with a keyframe every second, MJPEG for .avi.</summary>
    public static string Clip(string dir, string name, int width, int height, int frames, int fps = 25)
    {
        string path = Path.Combine(dir, name);
        // Odd sizes: testsrc2 rounds them to even and 4:2:0 chroma cannot hold them, so testsrc in 4:4:4.
        bool odd = width % 2 == 1 || height % 2 == 1;
        string[] codec = Path.GetExtension(name) == ".avi" ? ["-c:v", "mjpeg"]
            : ["-c:v", "libx264", "-g", fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b:v", "1M", "-pix_fmt", odd ? "yuv444p" : "yuv420p"];
        Ffmpeg(["-f", "lavfi", "-i", $"{(odd ? "testsrc" : "testsrc2")}=size={width}x{height}:rate={fps}", "-frames:v", $"{frames}", .. codec, path]);
        return path;
    }

    public static void Ffmpeg(string[] args)
    {
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-y", "-v", "error", .. args]))!;
        ffmpeg.WaitForExit();
        Assert.Equal(0, ffmpeg.ExitCode);
    }

    /// <summary>The first <paramref name="bytes"/> of <paramref name="source"/>, as a download cut short leaves it.</summary>
    public static string Truncated(string source, string name, long bytes)
    {
        string path = Path.Combine(Path.GetDirectoryName(source)!, name);
        using var input = File.OpenRead(source);
        using var output = File.Create(path);
        var buffer = new byte[bytes];
        input.ReadExactly(buffer);
        output.Write(buffer);
        return path;
    }

    /// <summary>Overwrites <paramref name="length"/> bytes at <paramref name="offset"/> with random ones (dd conv=notrunc).</summary>
    public static void Damage(string path, long offset, int length)
    {
        var garbage = new byte[length];
        new Random(6).NextBytes(garbage);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(garbage);
    }

    /// <summary>Offset of an MP4 box's type (e.g. "moov"), so damage can spare the index.</summary>
    public static long BoxOffset(string path, string type)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(type));
    }
}
