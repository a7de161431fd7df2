using System.Diagnostics;
using LiveConv.App.Cli;
using OpenCvSharp;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// Issue 6, bad input files: the real liveconv on files the tests make. The rule: a file of which no frame decodes
/// is a one-line error and exit 1; a partly decodable one is processed, the loss reported by region, exit 0 (issue 11).
/// </summary>
public sealed class BadInputTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    private static (int Exit, string Out, string Err) Run(string dir, params string[] args) =>
        LiveconvProcess.Run(dir, NoDisplay, ["run", "--headless", .. args]);

    /// <summary>A failure is exactly one line on stderr, starting liveconv:, with no stack trace, and no output file.</summary>
    private static void AssertOneLineFailure((int Exit, string Out, string Err) r, string dir, string expectedStart)
    {
        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.StartsWith("liveconv: " + expectedStart, r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out.mkv")), "no output file after a failure");
    }

    [Fact]
    public void MissingPath()
    {
        string dir = LiveconvProcess.TempDirectory();
        AssertOneLineFailure(Run(dir, "--source", "nope.mp4", "--output", "out.mkv"), dir, "source 'nope.mp4' is not a file, a folder, a camera (camera:N, /dev/videoN, or a name that liveconv cameras lists) or synthetic");
    }

    [Fact]
    public void Directory_WithoutImages()
    {
        string dir = LiveconvProcess.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "clip.mp4"));
        AssertOneLineFailure(Run(dir, "--source", "clip.mp4", "--output", "out.mkv"), dir, "folder 'clip.mp4' has no images (.png");
    }

    [Fact]
    public void ZeroByteFile()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllBytes(Path.Combine(dir, "empty.mp4"), []);
        AssertOneLineFailure(Run(dir, "--source", "empty.mp4", "--output", "out.mkv"), dir, "video file 'empty.mp4' is empty (0 bytes)");
    }

    [Fact]
    public void TextRenamedMp4()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "notes.mp4"), "not a video, just some text\n");
        AssertOneLineFailure(Run(dir, "--source", "notes.mp4", "--output", "out.mkv"), dir, "OpenCV's FFmpeg backend could not open 'notes.mp4' as a video");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(-2)] // half
    public void TruncatedMp4_HasLostItsIndex(long bytes)
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = TestMedia.Clip(dir, "clip.mp4", 96, 64, 50);
        long size = bytes > 0 ? bytes : new FileInfo(clip).Length / -bytes;
        TestMedia.Truncated(clip, "cut.mp4", size);
        AssertOneLineFailure(Run(dir, "--source", "cut.mp4", "--output", "out.mkv"), dir, "OpenCV's FFmpeg backend could not open 'cut.mp4' as a video");
    }

    [Fact]
    public void TruncatedAvi_TheFramesBeforeTheCut()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = TestMedia.Clip(dir, "clip.avi", 96, 64, 60);
        string cut = TestMedia.Truncated(clip, "cut.avi", new FileInfo(clip).Length / 2);

        var r = Run(dir, "--source", "cut.avi", "--output", "out.mkv");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        int decoded = FramesIn(r.Out);
        Assert.InRange(decoded, 20, 35);
        Assert.True(decoded >= LiveconvProcess.CountFrames(cut), "at least the frames ffmpeg decodes");
        Assert.DoesNotContain("skipped", r.Out, StringComparison.Ordinal);
        Assert.Equal(decoded, LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv")));
    }

    /// <summary>64 KB of garbage near the start of a 200-frame H.264 .mp4's frame data, its index spared.</summary>
    private static string GarbledMp4(string dir)
    {
        string clip = TestMedia.Clip(dir, "clip.mp4", 320, 240, 200);
        TestMedia.Damage(clip, 100 * 1024, 64 * 1024);
        Assert.True(TestMedia.BoxOffset(clip, "moov") > 164 * 1024, "the damage spares the index");
        return clip;
    }

    [Fact]
    public void GarbageInTheMiddleOfH264_AtLeastFfmpegsFrames_OneLinePerDamagedRegion_Quiet()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = GarbledMp4(dir);

        var r = Run(dir, "--source", "clip.mp4", "--output", "out.mkv");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal("", r.Err);
        int decoded = FramesIn(r.Out);
        Assert.InRange(decoded, 100, 199);
        Assert.True(decoded >= LiveconvProcess.CountFrames(clip), "at least the frames ffmpeg decodes");
        var regions = r.Out.Split('\n').Where(l => l.StartsWith("damaged: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(regions);
        Assert.All(regions, l => Assert.Matches(@"^damaged: \d+\.\d{3} s to \d+\.\d{3} s, \d+ frames? lost \(could not be decoded\)$", l));
        Assert.Matches($@"\ndamage: \d+ frames? lost in {regions.Count} regions?; {decoded} frames decoded\n", r.Out);
        // Every frame once, and the gaps held: the video plays as long as the clip, up to its last decoded frame.
        int written = LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv"));
        Assert.InRange(written, decoded + 1, 200);
    }

    [Fact]
    public void Verbose_ShowsTheDecodersOwnLog()
    {
        string dir = LiveconvProcess.TempDirectory();
        GarbledMp4(dir);

        var r = Run(dir, "--source", "clip.mp4", "--verbose");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("[h264 @ 0x", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AviWhoseHeaderSaysTwiceItsRate_RunsAtTheRealRate_NoFrameRepeated()
    {
        string dir = LiveconvProcess.TempDirectory();
        // 25 frames a second, timed at 1/50 s: the header says 50 fps, every other slot is empty.
        TestMedia.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "50", "-c:v", "mpeg4", "-r", "50", "-fps_mode", "passthrough",
            Path.Combine(dir, "half.avi")]);

        var r = Run(dir, "--source", "half.avi", "--output", "out.mkv");

        Assert.Equal("", r.Err);
        Assert.Contains("source: half.avi 96x64 at 25 fps\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("frames: in 50, out 50, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("damage", r.Out, StringComparison.Ordinal);
        Assert.Equal(50, LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv")));
    }

    [Fact]
    public void EveryFrameDamaged_NothingReadable_ExitsOne()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = TestMedia.Clip(dir, "clip.mp4", 320, 240, 50);
        long data = TestMedia.BoxOffset(clip, "mdat") + 4;
        TestMedia.Damage(clip, data + 64, (int)(TestMedia.BoxOffset(clip, "moov") - data - 128));

        var r = Run(dir, "--source", "clip.mp4", "--output", "out.mkv");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Matches(@"^liveconv: 'clip\.mp4' opened as a 320x240 \w+ video but none of its frames could be decoded: OpenCV's FFmpeg has no decoder for this codec, or the file is damaged throughout\n$", r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "out.mkv")));
        Assert.False(File.Exists(Path.Combine(dir, "out.partial.mkv")));
    }

    [Fact]
    public void UnsupportedCodec_Av1_NamesTheCodec()
    {
        string dir = LiveconvProcess.TempDirectory();
        TestMedia.Ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "5", "-c:v", "libaom-av1", Path.Combine(dir, "av1.mkv")]);

        var r = Run(dir, "--source", "av1.mkv", "--output", "out.mkv");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Contains("'av1.mkv' opened as a 64x48 AV01 video but none of its frames could be decoded", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void HungDecoder_APipeNamedMp4_FailsWithinTheTimeLimit()
    {
        string dir = LiveconvProcess.TempDirectory();
        var mkfifo = Process.Start("mkfifo", [Path.Combine(dir, "live.mp4")]);
        mkfifo.WaitForExit();

        var r = Run(dir, "--source", "live.mp4", "--output", "out.mkv");

        // The watchdog's own message is the proof it fired; a busy machine only makes it come later.
        AssertOneLineFailure(r, dir, "opening 'live.mp4' did not finish within 10 s; the decoder seems stuck");
    }

    [Theory]
    [InlineData("gray.png", 1)]
    [InlineData("deep16.png", 3)]
    [InlineData("deep16gray.tif", 1)]
    [InlineData("photo.jpg", 3)]
    public void ImageWhereAVideoIsExpected_IsOneFrame(string name, int channels)
    {
        string dir = LiveconvProcess.TempDirectory();
        var type = MatType.MakeType(name.Contains("16", StringComparison.Ordinal) ? MatType.CV_16U : MatType.CV_8U, channels);
        using (var image = new Mat(120, 160, type))
        {
            Cv2.Randu(image, Scalar.All(0), Scalar.All(name.Contains("16", StringComparison.Ordinal) ? 65535 : 255));
            Cv2.ImWrite(Path.Combine(dir, name), image);
        }

        var r = Run(dir, "--source", name, "--output", "out.mkv", "--dump", "maps");

        Assert.Equal("", r.Err);
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("frames: in 1, out 1, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(1, LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv")));
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "maps"), "*.npy"));
    }

    [Fact]
    public void OnePixelImage_TooSmallForTheConfig_SaysWhy()
    {
        string dir = LiveconvProcess.TempDirectory();
        using (var image = new Mat(1, 1, MatType.CV_8UC3, Scalar.Red))
        {
            Cv2.ImWrite(Path.Combine(dir, "dot.png"), image);
        }

        var r = Run(dir, "--source", "dot.png", "--output", "out.mkv");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith("liveconv: the config does not fit dot.png's 1x1 frames: ", r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "out.mkv")));
    }

    [Theory]
    [InlineData(641, 359, 10, null)]
    [InlineData(3840, 2160, 3, "2")]
    public void OddAndHugeFrames(int width, int height, int frames, string? limit)
    {
        string dir = LiveconvProcess.TempDirectory();
        TestMedia.Clip(dir, "clip.mp4", width, height, frames);
        string[] args = ["--source", "clip.mp4", "--output", "out.avi", "--dump", "maps", "--config", Path.Combine(RepoPaths.Configs, "edges.json")];

        var r = Run(dir, limit is null ? args : [.. args, "--frames", limit]);

        int expected = limit is null ? frames : int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("", r.Err);
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains($"source: clip.mp4 {width}x{height} at 25 fps\n", r.Out, StringComparison.Ordinal);
        Assert.Contains($"frames: in {expected}, out {expected}, dropped 0\n", r.Out, StringComparison.Ordinal);
        Assert.Equal(expected, LiveconvProcess.CountFrames(Path.Combine(dir, "out.avi")));
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(dir, "maps"), "*.npy").Length);
    }

    [Fact]
    public void PathsWithSpacesAndNonAscii()
    {
        string dir = LiveconvProcess.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "mes vidéos"));
        TestMedia.Clip(dir, Path.Combine("mes vidéos", "été à Zürich 東京.mp4"), 96, 64, 12);

        var r = Run(dir, "--source", "mes vidéos/été à Zürich 東京.mp4", "--output", "sorties ü/résultat 1.mkv", "--dump", "cartes ñ");

        Assert.Equal("", r.Err);
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("source: été à Zürich 東京.mp4 96x64", r.Out, StringComparison.Ordinal);
        Assert.Equal(12, LiveconvProcess.CountFrames(Path.Combine(dir, "sorties ü", "résultat 1.mkv")));
        Assert.Equal(12, Directory.GetFiles(Path.Combine(dir, "cartes ñ"), "*.npy").Length);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("retry")] // retry is for a camera lost mid-run; one that never opened is still an error
    public void AbsentCameraIndex_OneLineWithWhatToTry(string onLoss)
    {
        string dir = LiveconvProcess.TempDirectory();
        var r = Run(dir, "--source", "camera:7", "--on-source-loss", onLoss, "--output", "out.mkv");

        AssertOneLineFailure(r, dir, "no camera at index 7: check that it is plugged in and not used by another program, "
            + "try another index (--source camera:1), or run without a camera: --source synthetic, --source FILE");
    }

    private static int FramesIn(string stdout)
    {
        string line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("frames: in ", StringComparison.Ordinal));
        return int.Parse(line["frames: in ".Length..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
