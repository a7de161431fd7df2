using System.Diagnostics;
using System.Globalization;

namespace LiveConv.Video.Tests.Corpus;

/// <summary>The system's ffmpeg and ffprobe (installed by <c>.ci/deps.sh test</c>): they make the corpus and say what it holds.</summary>
internal static class FfmpegOracle
{
    public static void Ffmpeg(params string[] args) => Run("ffmpeg", ["-y", "-v", "error", .. args]);

    /// <summary>Every frame ffmpeg decodes, each once (no frame-rate conversion), as raw BGR: its count and signatures.</summary>
    public static List<Signature> Decode(string path, int width, int height)
    {
        byte[] raw = RunBytes("ffmpeg", ["-v", "quiet", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"]);
        int size = width * height * 3;
        Assert.Equal(0, raw.Length % size);
        return [.. Enumerable.Range(0, raw.Length / size).Select(i => Signature.Of(raw.AsSpan(i * size, size), width, height, 3))];
    }

    /// <summary>How many frames <c>ffmpeg -i FILE -f null -</c> decodes: the count LiveConv must reach on a damaged file.</summary>
    public static int CountDecoded(string path) =>
        Run("ffmpeg", ["-v", "quiet", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "framemd5", "-"])
            .Split('\n').Count(line => line.Length > 0 && line[0] != '#');

    /// <summary>Each decoded frame's timestamp in ms, from the first frame's.</summary>
    public static List<double> Timestamps(string path)
    {
        var times = Run("ffprobe", ["-v", "quiet", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture) * 1000).ToList();
        return [.. times.Select(t => t - times[0])];
    }

    private static string Run(string tool, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true })!;
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited with {process.ExitCode}");
        return text;
    }

    private static byte[] RunBytes(string tool, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true })!;
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        // A damaged file makes ffmpeg exit non-zero although it decoded what it could; clean ones are checked by count.
        return bytes.ToArray();
    }
}
