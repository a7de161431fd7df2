using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LiveConv.App.Cli;

namespace LiveConv.App.Tests.Cli;

/// <summary><c>liveconv run</c> as a real process: headless runs, the window under Xvfb, and the failures.</summary>
public sealed class RunCommandTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    private static (int Exit, string Out, string Err) Run(string dir, params string[] args) => LiveconvProcess.Run(dir, NoDisplay, args);

    /// <summary>A live source faster than the engine drops frames; the summary says before which stage, as the HUD does.</summary>
    [Fact]
    public void Live_Drops_AreSummarizedByStage()
    {
        string dir = LiveconvProcess.TempDirectory();
        var r = Run(dir, "run", "--source", "synthetic", "--realtime", "--fps", "1000", "--size", "1920x1080", "--frames", "60", "--headless",
            "--config", Path.Combine(RepoPaths.Configs, "seed-layer.json"));

        Assert.Equal(ExitCodes.Ok, r.Exit);
        var line = Regex.Match(r.Out, @"frames: in 60, out (\d+), dropped (\d+) \(([^)]*)\)\n");
        Assert.True(line.Success, r.Out);
        int output = int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        int dropped = int.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Equal(60, output + dropped);
        var byStage = Regex.Matches(line.Groups[3].Value, @"before the (engine|render|sinks|display) (\d+)");
        Assert.Equal(dropped, byStage.Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Synthetic_Headless_WritesVideoAndDumpsAndSummarizes()
    {
        string dir = LiveconvProcess.TempDirectory();
        var r = Run(dir, "run", "--source", "synthetic", "--size", "64x48", "--frames", "12", "--headless",
            "--config", Path.Combine(RepoPaths.Configs, "edges.json"), "--output", "out.mkv", "--dump", "maps", "--colormap", "jet");

        Assert.Equal("", r.Err);
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("frames: in 12, out 12, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("latency capture to output: p50 ", r.Out, StringComparison.Ordinal);
        Assert.Contains("wrote out.mkv (12 frames)\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("wrote 12 .npy files to maps\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(12, LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv")));
        var dumps = Directory.GetFiles(Path.Combine(dir, "maps"), "*.npy").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(12, dumps.Length);
        Assert.Equal("frame_000000.npy", dumps[0]);
        Assert.Equal("frame_000011.npy", dumps[^1]);

        // edges.json: 5 maps of 48x64 after abs, float32 after the header.
        byte[] npy = File.ReadAllBytes(Path.Combine(dir, "maps", "frame_000000.npy"));
        int header = 10 + (npy[8] | (npy[9] << 8));
        Assert.Equal(5 * 48 * 64 * 4, npy.Length - header);
    }

    [Fact]
    public void VideoFile_Headless_OneOutputFramePerInputFrame()
    {
        string dir = LiveconvProcess.TempDirectory();
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=15:duration=2", "-pix_fmt", "yuv420p", Path.Combine(dir, "clip.mp4")]))!;
        ffmpeg.WaitForExit();
        Assert.Equal(0, ffmpeg.ExitCode);

        var r = Run(dir, "run", "--source", "clip.mp4", "--headless", "--output", "maps.avi", "--workers", "2", "--show-input");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("source: clip.mp4 96x64 at 15 fps\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("frames: in 30, out 30, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(30, LiveconvProcess.CountFrames(Path.Combine(dir, "maps.avi")));
    }

    [Fact]
    public void NoSource_NoCamera_FallsBackToSyntheticInOneLine()
    {
        var r = Run(LiveconvProcess.TempDirectory(), "run", "--headless", "--frames", "3", "--size", "64x48");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.StartsWith("source: no camera 0 found, showing the synthetic scene (64x48 at 30 fps) instead\n", r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void NoCommand_IsTheLiveView_WithoutADisplayFallsBackToHeadlessWithOneLine()
    {
        string dir = LiveconvProcess.TempDirectory();
        var r = Run(dir);

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.StartsWith("liveconv: no window (DISPLAY is not set): running headless for 300 frames, a snapshot every 100 in snapshots/\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("frames: in 300,", r.Out, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "snapshots"), "snapshot_*.png"));
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void MissingCamera_ExitsOneWithWhatToTry()
    {
        var r = Run(LiveconvProcess.TempDirectory(), "run", "--source", "camera:0", "--headless");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.StartsWith("liveconv: no camera at index 0: ", r.Err, StringComparison.Ordinal);
        Assert.Contains("--source synthetic", r.Err, StringComparison.Ordinal);
        Assert.Equal(1, r.Err.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("liveconv: there is no display to open a window on", "--source", "synthetic", "--frames", "2")]
    [InlineData("liveconv: --output: cannot tell the video format of 'x.mov'", "--headless", "--output", "x.mov")]
    [InlineData("liveconv: --layer: layer 7 does not exist: the network has layers 0 to 2", "--headless", "--layer", "7")]
    [InlineData("liveconv: --map: layer 2 has no map named 'nope'; it has vertical, horizontal, corner", "--headless", "--map", "nope")]
    [InlineData("liveconv: --colormap: no colormap 'plaid'", "--headless", "--colormap", "plaid")]
    [InlineData("liveconv: --size: expected WIDTHxHEIGHT", "--headless", "--size", "big")]
    [InlineData("liveconv: --frames: expected a whole number from 1, got \"0\"", "--headless", "--frames", "0")]
    [InlineData("liveconv: --normalize: expected fixed, global or per-map, got \"max\"", "--headless", "--normalize", "max")]
    [InlineData("liveconv: --engine: expected fast or reference, got \"gpu\"", "--headless", "--engine", "gpu")]
    [InlineData("liveconv: --on-source-loss: expected retry or stop, got \"wait\"", "--headless", "--on-source-loss", "wait")]
    [InlineData("liveconv: --workers: expected a whole number from 1, got \"0\"", "--headless", "--workers", "0")]
    [InlineData("liveconv: --fps: expected a number above 0 and at most 1000", "--headless", "--fps", "0")]
    [InlineData("liveconv: --range: expected MIN:MAX with MIN < MAX", "--headless", "--range", "1:0")]
    [InlineData("liveconv: --size: the synthetic scene draws frames of at least 32x32, got 8x8", "--headless", "--source", "synthetic", "--size", "8x8")]
    // Checked against the config before the source is opened: the missing file is never reached.
    [InlineData("liveconv: --layer: layer 9 does not exist", "--headless", "--source", "missing.mp4", "--layer", "9")]
    [InlineData("liveconv: --map: layer 2 has no map named 'nope'", "--headless", "--source", "missing.mp4", "--map", "nope")]
    public void BadOptions_ExitTwoWithTheOption(string error, params string[] args)
    {
        var r = Run(LiveconvProcess.TempDirectory(), ["run", .. args]);

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith(error, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenVideo_ExitsOneAndSaysWhich()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "broken.mkv"), "not a video");

        var r = Run(dir, "run", "--source", "broken.mkv", "--headless");

        // FFmpeg's own complaint is silenced: ours is the only line.
        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Equal("liveconv: OpenCV's FFmpeg backend could not open 'broken.mkv' as a video: not a video file, an unsupported codec, "
            + "or damaged (an .mp4 cut short has lost its index)\n", r.Err);
    }

    [Fact]
    public void Window_UnderXvfb_ShowsEveryFrameAndEndsWithTheSource()
    {
        string dir = LiveconvProcess.TempDirectory();
        using var x = Window.XServer.Start();
        var r = LiveconvProcess.Run(dir, new Dictionary<string, string?> { ["DISPLAY"] = x.Display },
            "run", "--source", "synthetic", "--size", "64x48", "--frames", "20", "--snapshot-dir", "snaps", "--snapshot-every", "10");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("frames: in 20, out 20, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(["index.csv", "snapshot_000000.png", "snapshot_000010.png"], Directory.GetFiles(Path.Combine(dir, "snaps")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("wrote 2 snapshots to snaps\n", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void CtrlC_StopsCleanlyAndTheVideoIsComplete()
    {
        string dir = LiveconvProcess.TempDirectory();
        using var live = BackgroundLiveconv.Start(dir, NoDisplay, "run", "--source", "synthetic", "--realtime", "--size", "64x48", "--headless", "--output", "live.mkv");
        // Recording has begun (so the Ctrl+C handler is in place) once the partial file exists; at 64x48 a few
        // kilobytes of it are a few dozen frames.
        LiveconvProcess.WaitForGrowth(Path.Combine(dir, "live.partial.mkv"), 8_000);

        live.Signal("INT");
        var (exit, stdout, stderr) = live.WaitForExit();

        Assert.Equal("", stderr);
        Assert.Equal(ExitCodes.Ok, exit);
        string written = Assert.Single(stdout.Split('\n'), l => l.StartsWith("wrote live.mkv (", StringComparison.Ordinal));
        int frames = int.Parse(written["wrote live.mkv (".Length..written.IndexOf(' ', "wrote live.mkv (".Length)], CultureInfo.InvariantCulture);
        Assert.True(frames > 10, written);
        Assert.Equal(frames, LiveconvProcess.CountFrames(Path.Combine(dir, "live.mkv")));
    }

    [Fact]
    public void SourceFailingMidway_ExitsOneNamingTheStage_AndKeepsWhatWasDone()
    {
        string dir = LiveconvProcess.TempDirectory();
        string images = Path.Combine(dir, "images");
        Directory.CreateDirectory(images);
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1", Path.Combine(images, "a%02d.png")]))!;
        ffmpeg.WaitForExit();
        var odd = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=1:duration=1", "-frames:v", "1", Path.Combine(images, "z.png")]))!;
        odd.WaitForExit();

        var r = Run(dir, "run", "--source", "images", "--headless", "--output", "partial.avi");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Equal($"liveconv: the capture stage failed: '{Path.Combine("images", "z.png")}' is 32x32, the first image was 64x48; all must have one size\n", r.Err);
        Assert.Contains("frames: in 5, out 5, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(5, LiveconvProcess.CountFrames(Path.Combine(dir, "partial.avi")));
    }

    [Fact]
    public void FileWorkInATerminal_ShowsAProgressBar()
    {
        string dir = LiveconvProcess.TempDirectory();
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=2", Path.Combine(dir, "clip.avi")]))!;
        ffmpeg.WaitForExit();

        // script(1) gives liveconv a terminal, as a user's shell would.
        string command = $"dotnet '{RepoPaths.LiveconvDll}' run --source clip.avi --headless";
        var terminal = new Dictionary<string, string?>(NoDisplay) { ["NO_COLOR"] = null, ["TERM"] = "xterm-256color" };
        var r = LiveconvProcess.RunProgram("script", dir, terminal, "-qec", command, "/dev/null");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Matches(@"20/20 frames, [0-9.]+ fps", r.Out);
        Assert.Contains("100%", r.Out, StringComparison.Ordinal);
        Assert.Contains("frames: in 20, out 20, dropped 0", r.Out, StringComparison.Ordinal);
    }
}
