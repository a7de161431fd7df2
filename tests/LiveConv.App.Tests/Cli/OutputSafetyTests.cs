using System.Security.Cryptography;
using LiveConv.App.Cli;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// Issue 6, outputs are never lost or corrupt: signals during a recording, SIGKILL, failed writes, folders that
/// cannot be written, a full disk — with the real liveconv process.
/// </summary>
public sealed class OutputSafetyTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    private static (int Exit, string Out, string Err) Run(string dir, params string[] args) =>
        LiveconvProcess.Run(dir, NoDisplay, ["run", "--headless", .. args]);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public void SignalDuringRecording_FileIsFinalizedWithEveryProcessedFrame(string signal)
    {
        string dir = LiveconvProcess.TempDirectory();
        using var recording = StartRecording(dir, "rec.mkv");
        LiveconvProcess.WaitForGrowth(Path.Combine(dir, "rec.partial.mkv"), 20_000);

        recording.Signal(signal);
        var (exit, stdout, stderr) = recording.WaitForExit();

        Assert.Equal("", stderr);
        Assert.Equal(ExitCodes.Ok, exit);
        string frames = Assert.Single(stdout.Split('\n'), l => l.StartsWith("frames: in ", StringComparison.Ordinal));
        int output = int.Parse(frames.Split("out ")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(output > 0);
        Assert.Contains($"wrote rec.mkv ({output} frames)\n", stdout, StringComparison.Ordinal);
        Assert.Equal(output, LiveconvProcess.CountFrames(Path.Combine(dir, "rec.mkv")));
        Assert.False(File.Exists(Path.Combine(dir, "rec.partial.mkv")));
    }

    [Theory]
    [InlineData("rec.mkv")] // the documented container for live recording
    [InlineData("rec.avi")]
    public void Sigkill_PartialRecordingIsReadable(string name)
    {
        string dir = LiveconvProcess.TempDirectory();
        string partial = Path.Combine(dir, Path.GetFileNameWithoutExtension(name) + ".partial" + Path.GetExtension(name));
        using var recording = StartRecording(dir, name);
        LiveconvProcess.WaitForGrowth(partial, 200_000);

        recording.Kill();

        Assert.False(File.Exists(Path.Combine(dir, name)), "a killed recording never sits under the final name");
        Assert.True(LiveconvProcess.CountFrames(partial) > 10, "the frames flushed before the kill are readable");
    }

    [Fact]
    public void OutputFolderMissing_IsCreated()
    {
        string dir = LiveconvProcess.TempDirectory();
        var r = Run(dir, "--source", "synthetic", "--size", "64x48", "--frames", "3", "--output", "new/deeper/out.mkv");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal(3, LiveconvProcess.CountFrames(Path.Combine(dir, "new", "deeper", "out.mkv")));
    }

    [Theory]
    // Tests run as root, for whom chmod a-w does not stop a write: /proc takes no new files, even from root.
    [InlineData("--output", "/proc/self/out.mkv", "liveconv: --output: cannot write '/proc/self/out.mkv': '/proc/self' does not accept new files (a read-only or virtual file system)\n")]
    [InlineData("--dump", "/proc/self/maps-dump", "liveconv: --dump: cannot write to '/proc/self/maps-dump': '/proc/self/maps-dump' does not accept new files (a read-only or virtual file system)\n")]
    [InlineData("--output", "notes.txt/out.mkv", "liveconv: --output: cannot write 'notes.txt/out.mkv': '{dir}/notes.txt' is a file, not a folder\n")]
    [InlineData("--snapshot-dir", "notes.txt/shots", "liveconv: --snapshot-dir: cannot write to 'notes.txt/shots': '{dir}/notes.txt' is a file, not a folder\n")]
    [InlineData("--output", "afolder", "liveconv: --output: 'afolder' is a folder; give a file name such as afolder/maps.mkv\n")]
    public void UnwritableOutput_ClearErrorBeforeProcessing(string option, string path, string error)
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "a file where a folder is expected");
        Directory.CreateDirectory(Path.Combine(dir, "afolder"));

        var r = Run(dir, "--source", "synthetic", "--size", "64x48", "--frames", "3", option, path);

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Equal(error.Replace("{dir}", dir, StringComparison.Ordinal), r.Err);
        Assert.Equal("", r.Out); // nothing processed: no summary
    }

    [Fact]
    public void OutputIsTheInput_Refused_InputUntouched()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = TestMedia.Clip(dir, "clip.avi", 96, 64, 10);
        byte[] before = SHA256.HashData(File.ReadAllBytes(clip));

        var r = Run(dir, "--source", "clip.avi", "--output", "./clip.avi");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Equal("liveconv: --output: './clip.avi' is the input; liveconv never writes over its source\n", r.Err);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(clip)));
    }

    [Fact]
    public void SourceFailsMidway_OutputHoldsWhatWasProcessed_InputUntouched()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clip = TestMedia.Clip(dir, "clip.avi", 96, 64, 10);
        byte[] before = SHA256.HashData(File.ReadAllBytes(clip));

        // Every frame after the first is 64x48: the second one fails the run after one frame was written.
        Directory.CreateDirectory(Path.Combine(dir, "frames"));
        using (var big = new OpenCvSharp.Mat(64, 96, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.Blue))
        using (var small = new OpenCvSharp.Mat(48, 64, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.Red))
        {
            OpenCvSharp.Cv2.ImWrite(Path.Combine(dir, "frames", "a.png"), big);
            OpenCvSharp.Cv2.ImWrite(Path.Combine(dir, "frames", "b.png"), small);
        }

        var r = Run(dir, "--source", "frames", "--output", "out.mkv");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Contains("is 64x48, the first image was 96x64", r.Err, StringComparison.Ordinal);
        // The run failed in its source, after a frame was written: the file is complete for what was processed.
        Assert.Equal(1, LiveconvProcess.CountFrames(Path.Combine(dir, "out.mkv")));
        Assert.False(File.Exists(Path.Combine(dir, "out.partial.mkv")));
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(clip)));
    }

    [SmallDiskFact]
    public void DiskFullBeforeTheRun_ClearErrorBeforeProcessing()
    {
        using var disk = SmallDisk.Mount("16");
        string target = Path.Combine(disk.Path, "out.mkv");

        var r = Run(LiveconvProcess.TempDirectory(), "--source", "synthetic", "--size", "64x48", "--frames", "3", "--output", target);

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Equal($"liveconv: --output: cannot write '{target}': No space left on device : '{disk.Path}/.liveconv-write-test-", r.Err[..(r.Err.IndexOf("test-", StringComparison.Ordinal) + 5)]);
        Assert.Equal("", r.Out);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }

    [SmallDiskFact]
    public void DiskFullDuringTheRun_NoFileUnderTheFinalName()
    {
        using var disk = SmallDisk.Mount("300");
        string target = Path.Combine(disk.Path, "out.mkv");

        // 60 frames of this mosaic are about 290 KB: twice that cannot fit.
        var r = Run(LiveconvProcess.TempDirectory(), "--source", "synthetic", "--size", "320x240", "--frames", "120", "--output", target);

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.EndsWith($"the disk filled up while writing '{target}'; the incomplete file was removed\n", r.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(disk.Path));
        Assert.Contains($"no video written to {target}\n", r.Out, StringComparison.Ordinal);
    }

    [SmallDiskFact]
    public void DiskFullDuringTheRun_EveryDumpAndSnapshotUnderItsNameIsComplete_NoPartialLeft()
    {
        using var disk = SmallDisk.Mount("200");
        string dumps = Path.Combine(disk.Path, "dumps"), snapshots = Path.Combine(disk.Path, "snapshots");

        var r = Run(LiveconvProcess.TempDirectory(), "--source", "synthetic", "--size", "64x48", "--frames", "100",
            "--dump", dumps, "--snapshot-dir", snapshots, "--snapshot-every", "1");

        Assert.Equal(ExitCodes.RuntimeError, r.Exit);
        Assert.Contains("No space left on device", r.Err, StringComparison.Ordinal);
        string[] npys = Directory.GetFiles(dumps, "*.npy"), pngs = Directory.GetFiles(snapshots, "*.png");
        // The index of frames, which cannot be completed on the full disk, is not left half-written either.
        Assert.DoesNotContain(Directory.GetFiles(dumps).Concat(Directory.GetFiles(snapshots)), f => f.Contains(".partial.", StringComparison.Ordinal));
        // The summary counts what is there, no more.
        Assert.Contains($"wrote {npys.Length} .npy files to {dumps}\n", r.Out, StringComparison.Ordinal);
        Assert.Contains($"wrote {pngs.Length} snapshots to {snapshots}\n", r.Out, StringComparison.Ordinal);
        Assert.NotEmpty(npys);
        Assert.NotEmpty(pngs);
        Assert.All(npys.Concat(pngs), f => Assert.DoesNotContain(".partial.", f, StringComparison.Ordinal));
        Assert.All(npys, f =>
        {
            byte[] file = File.ReadAllBytes(f);
            int headerLength = 10 + (file[8] | (file[9] << 8));
            var shape = System.Text.RegularExpressions.Regex.Match(System.Text.Encoding.ASCII.GetString(file, 10, headerLength - 10), @"'shape': \((\d+), (\d+), (\d+)\)");
            Assert.True(shape.Success, $"{f} has a (C, H, W) shape");
            long values = shape.Groups.Values.Skip(1).Aggregate(1L, (n, g) => n * long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(headerLength + (values * 4), file.Length);
        });
        Assert.All(pngs, f =>
        {
            using var png = OpenCvSharp.Cv2.ImRead(f);
            Assert.False(png.Empty(), $"{f} decodes");
        });
    }

    private static BackgroundLiveconv StartRecording(string dir, string output) =>
        BackgroundLiveconv.Start(dir, NoDisplay, "run", "--headless", "--source", "synthetic", "--size", "320x240", "--realtime", "--output", output);
}
