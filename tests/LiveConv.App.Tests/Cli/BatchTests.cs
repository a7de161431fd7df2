using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveConv.App.Cli;
using LiveConv.App.Running.Batch;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// Issue 14, archives: the real liveconv over real clips: a folder, a glob and a list; names made distinct; a bad file
/// among good ones; resume, --force, partial and tampered outputs; signals mid-batch; shards from the option, Slurm's
/// and Kubernetes' environment.
/// </summary>
public sealed class BatchTests
{
    // No scheduler around the test either: a test run under Slurm must not shard these batches.
    private static readonly Dictionary<string, string?> Plain = new()
    {
        ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null, ["SLURM_ARRAY_TASK_ID"] = null, ["JOB_COMPLETION_INDEX"] = null,
    };

    private static (int Exit, string Out, string Err) Run(string dir, IReadOnlyDictionary<string, string?> env, params string[] args) =>
        LiveconvProcess.Run(dir, env, ["run", "-c", "w1-detectors", .. args]);

    [Fact]
    public void FolderOfVideos_EachToItsOutput_ThenResumeSkips_ThenForceRedoes()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clips = Clips(dir, "clips", 10, "b.mp4", "a.mp4", "c.avi");

        var first = Run(dir, Plain, "--source", "clips", "--output-dir", "out");

        Assert.Equal("", first.Err);
        Assert.Equal(ExitCodes.Ok, first.Exit);
        foreach (string name in new[] { "a", "b", "c" })
        {
            Assert.Equal(10, LiveconvProcess.CountFrames(Path.Combine(dir, "out", name + ".mkv")));
        }

        Assert.Equal(3, Lines(first.Out, "done     "));
        Assert.Contains("[3/3] ", first.Out, StringComparison.Ordinal);
        Assert.Contains("frames out", first.Out, StringComparison.Ordinal);
        Assert.Contains("batch: 3 done, 0 skipped (done before), 0 failed, 0 stopped, 0 not started; 30 frames", first.Out, StringComparison.Ordinal);
        var manifest = Entries(dir, "out/manifest.jsonl");
        Assert.Equal(["a.mp4", "b.mp4", "c.avi"], manifest.Select(e => e.Input).Order());
        Assert.All(manifest, e =>
        {
            Assert.Equal(ManifestEntry.Done, e.Outcome);
            Assert.Equal(10, e.FramesIn);
            Assert.Equal(10, e.FramesOut);
            Assert.Equal(Path.GetFileNameWithoutExtension(e.Input) + ".mkv", e.Output);
            Assert.Equal(new FileInfo(Path.Combine(clips, e.Input)).Length, e.Size);
            Assert.Matches("^[0-9a-f]{64}$", e.ConfigHash);
            Assert.StartsWith("0.1.0", e.Version, StringComparison.Ordinal);
        });
        Assert.Single(manifest.Select(e => e.ConfigHash).Distinct());

        var again = Run(dir, Plain, "--source", "clips", "--output-dir", "out");

        Assert.Equal(ExitCodes.Ok, again.Exit);
        Assert.Contains("skipped  a.mp4: done before (out/a.mkv, 10 frames, same config)\n", again.Out, StringComparison.Ordinal);
        Assert.Equal(3, Lines(again.Out, "skipped  "));
        Assert.Equal(3, Entries(dir, "out/manifest.jsonl").Count);

        var forced = Run(dir, Plain, "--source", "clips", "--output-dir", "out", "--force");

        Assert.Equal(ExitCodes.Ok, forced.Exit);
        Assert.Equal(3, Lines(forced.Out, "done     "));
        Assert.Equal(6, Entries(dir, "out/manifest.jsonl").Count);

        var otherConfig = Run(dir, Plain, "--source", "clips", "--output-dir", "out", "--colormap", "jet");

        Assert.Equal(3, Lines(otherConfig.Out, "done     "));
    }

    [Fact]
    public void GlobAndList_CollidingNamesMadeDistinct_TheSameByBoth()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "term/a", 5, "x.mp4");
        Clips(dir, "term/b", 5, "x.mp4", "y.mp4");
        File.WriteAllLines(Path.Combine(dir, "term", "list.txt"), ["# two lectures share a name", "a/x.mp4", "", "b/x.mp4", "b/y.mp4"]);
        string[] expected = [$"x-{BatchSources.KeyHash("a/x.mp4")[..8]}.mkv", $"x-{BatchSources.KeyHash("b/x.mp4")[..8]}.mkv", "y.mkv"];

        var listed = Run(dir, Plain, "--source", "@term/list.txt", "--output-dir", "by-list");
        var globbed = Run(dir, Plain, "--source", "term/*/*.mp4", "--output-dir", "by-glob");

        Assert.Equal((ExitCodes.Ok, ""), (listed.Exit, listed.Err));
        Assert.Equal((ExitCodes.Ok, ""), (globbed.Exit, globbed.Err));
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(dir, "by-list"), "*.mkv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(dir, "by-glob"), "*.mkv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SeveralValues_KeysRelativeToTheCurrentFolder()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "a", 5, "x.mp4");
        Clips(dir, "b", 5, "x.mp4");

        // What the shell hands over for an unquoted a/*.mp4 b/*.mp4.
        var r = Run(dir, Plain, "--source", "a/x.mp4", "b/x.mp4", "--output-dir", "out");

        Assert.Equal((ExitCodes.Ok, ""), (r.Exit, r.Err));
        Assert.Equal(["a/x.mp4", "b/x.mp4"], Entries(dir, "out/manifest.jsonl").Select(e => e.Input).Order(StringComparer.Ordinal));
        Assert.Equal([$"x-{BatchSources.KeyHash("a/x.mp4")[..8]}.mkv", $"x-{BatchSources.KeyHash("b/x.mp4")[..8]}.mkv"],
            Directory.GetFiles(Path.Combine(dir, "out"), "*.mkv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BadFileAmongGood_OthersDone_Exit3_ManifestSaysWhy()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "clips", 5, "a.mp4", "c.mp4");
        File.WriteAllText(Path.Combine(dir, "clips", "b.mp4"), "not a video, renamed .mp4");

        var r = Run(dir, Plain, "--source", "clips", "--output-dir", "out");

        Assert.Equal(ExitCodes.SomeFailed, r.Exit);
        Assert.Equal("liveconv: 1 of 3 inputs failed (their lines above, and the manifest " + Path.Combine(dir, "out", "manifest.jsonl") + "); run the same command again to retry them\n", r.Err);
        Assert.Equal(2, Lines(r.Out, "done     "));
        var failed = Assert.Single(Entries(dir, "out/manifest.jsonl"), e => e.Outcome == ManifestEntry.Failed);
        Assert.Equal("b.mp4", failed.Input);
        Assert.Contains("could not open", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Output);
        Assert.Equal(5, LiveconvProcess.CountFrames(Path.Combine(dir, "out", "c.mkv")));
    }

    [Fact]
    public void PartlyDamagedFile_Done_ItsLineAndManifestCountTheLoss()
    {
        string dir = LiveconvProcess.TempDirectory();
        string clips = Clips(dir, "clips", 5, "a.mp4");
        // 64 KB of garbage in the frame data of a 200-frame H.264 .mp4, its index spared.
        string garbled = TestMedia.Clip(dir, "garbled.mp4", 320, 240, 200);
        TestMedia.Damage(garbled, 100 * 1024, 64 * 1024);
        File.Move(garbled, Path.Combine(clips, "garbled.mp4"));

        var r = Run(dir, Plain, "--source", "clips", "--output-dir", "out");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        var entry = Assert.Single(Entries(dir, "out/manifest.jsonl"), e => e.Input == "garbled.mp4");
        Assert.Equal(ManifestEntry.Done, entry.Outcome);
        Assert.InRange(entry.FramesIn, 100, 199);
        Assert.InRange(entry.Skipped, 1, 200 - entry.FramesIn);
        Assert.Contains($"done     garbled.mp4 -> out/garbled.mkv: {entry.FramesOut} frames, ", r.Out, StringComparison.Ordinal);
        Assert.Matches($@", {entry.Skipped} frames? lost in \d+ damaged regions?\n", r.Out);
        Assert.Equal((int)entry.FramesOut, LiveconvProcess.CountFrames(Path.Combine(dir, "out", "garbled.mkv")));
    }

    [Fact]
    public void PartialOrTamperedOutput_IsRedone_AWholeOneSkipped()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "clips", 10, "a.mp4", "b.mp4", "c.mp4");
        Assert.Equal(ExitCodes.Ok, Run(dir, Plain, "--source", "clips", "--output-dir", "out").Exit);
        string output = Path.Combine(dir, "out");
        // a: cut short under its final name; b: only its partial file, as a kill mid-file leaves it; c: untouched.
        TestMedia.Truncated(Path.Combine(output, "a.mkv"), "a.cut", 2000);
        File.Move(Path.Combine(output, "a.cut"), Path.Combine(output, "a.mkv"), overwrite: true);
        File.Move(Path.Combine(output, "b.mkv"), Path.Combine(output, "b.partial.mkv"));

        var r = Run(dir, Plain, "--source", "clips", "--output-dir", "out");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("redo     a.mp4: its output a.mkv is not the one the manifest recorded (2000 bytes, ", r.Out, StringComparison.Ordinal);
        Assert.Contains("redo     b.mp4: its output b.mkv is missing\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("skipped  c.mp4: done before", r.Out, StringComparison.Ordinal);
        Assert.Equal(2, Lines(r.Out, "done     "));
        Assert.Equal(10, LiveconvProcess.CountFrames(Path.Combine(output, "a.mkv")));
        Assert.Equal(10, LiveconvProcess.CountFrames(Path.Combine(output, "b.mkv")));
        Assert.False(File.Exists(Path.Combine(output, "b.partial.mkv")));
    }

    [Fact]
    public void OutputSyncedBeforeItsRename_FolderAfter_ThenTheManifestLine()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "clips", 3, "a.mp4");
        string trace = Path.Combine(dir, "trace.txt");
        string output = Path.Combine(dir, "out");

        var r = LiveconvProcess.RunProgram("strace", dir, Plain,
            ["-f", "-e", "trace=openat,fsync,rename,renameat,renameat2", "-o", trace, "dotnet", RepoPaths.LiveconvDll, "run", "-c", "w1-detectors", "--source", "clips", "--output-dir", "out"]);

        Assert.Equal(ExitCodes.Ok, r.Exit);
        // strace -f: one line per call, in the order they happened: "PID openat(AT_FDCWD, \"path\", flags) = FD"; short
        // calls padded to a column: "PID fsync(79)          = 0".
        var calls = File.ReadAllLines(trace);
        var opens = calls.Select((c, i) => (At: i, Match: Regex.Match(c, "openat\\(AT_FDCWD, \"([^\"]*)\", [^)]*\\)\\s+= (\\d+)$")))
            .Where(m => m.Match.Success).Select(m => (m.At, Path: m.Match.Groups[1].Value, Fd: int.Parse(m.Match.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        (int At, int Fd) LastOpen(int before, string path) => opens.Where(o => o.At < before && o.Path == path).Select(o => (o.At, o.Fd)).DefaultIfEmpty((-1, -1)).Last();
        (int At, int Fd) FirstOpen(int after, string path) => opens.Where(o => o.At > after && o.Path == path).Select(o => (o.At, o.Fd)).DefaultIfEmpty((-1, -1)).First();
        int Sync(int from, int fd) => Array.FindIndex(calls, from, c => Regex.IsMatch(c, $" fsync\\({fd}\\)\\s+= 0$"));
        string partial = Path.Combine(output, "a.partial.mkv");
        int rename = Array.FindIndex(calls, c => c.Contains($"rename(\"{partial}\", \"{Path.Combine(output, "a.mkv")}\") = 0", StringComparison.Ordinal));
        Assert.True(rename > 0, "the partial video is renamed");
        var video = LastOpen(rename, partial);
        Assert.InRange(Sync(video.At, video.Fd), video.At + 1, rename - 1);
        var folder = FirstOpen(rename, output);
        Assert.True(folder.At > rename, "the folder is opened after the rename");
        int folderSync = Sync(folder.At, folder.Fd);
        Assert.True(folderSync > folder.At, "and synced");
        var manifest = LastOpen(rename, Path.Combine(output, "manifest.jsonl"));
        Assert.True(Sync(folderSync, manifest.Fd) > folderSync, "the manifest line is synced after the output's rename");
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void SignalMidBatch_FinishedOutputsValid_NoManifestLineForTheStoppedFile(string signal)
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "clips", 10, "a.mp4");
        // Long enough that it is still running when a.mp4 is long done.
        TestMedia.Clip(Path.Combine(dir, "clips"), "z.mp4", 320, 240, 3000);
        string output = Path.Combine(dir, "out");
        using var batch = BackgroundLiveconv.Start(dir, Plain, "run", "-c", "w1-detectors", "--source", "clips", "--output-dir", "out");
        LiveconvProcess.WaitUntil(
            () => File.Exists(Path.Combine(output, "manifest.jsonl")) && File.ReadAllText(Path.Combine(output, "manifest.jsonl")).Contains("\"a.mp4\"", StringComparison.Ordinal)
                && File.Exists(Path.Combine(output, "z.partial.mkv")) && new FileInfo(Path.Combine(output, "z.partial.mkv")).Length > 20_000,
            "a.mp4 done and z.mp4 under way");

        batch.Signal(signal);
        var (exit, stdout, stderr) = batch.WaitForExit();

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("stopped  z.mp4: stopped after ", stdout, StringComparison.Ordinal);
        Assert.Equal("liveconv: the batch was stopped: 1 of 2 inputs are not done; run the same command again to go on\n", stderr);
        Assert.Equal(10, LiveconvProcess.CountFrames(Path.Combine(output, "a.mkv")));
        Assert.Equal(["a.mp4"], Entries(dir, "out/manifest.jsonl").Select(e => e.Input));
        Assert.False(File.Exists(Path.Combine(output, "z.mkv")), "a stopped file never sits under its final name");
        Assert.True(LiveconvProcess.CountFrames(Path.Combine(output, "z.partial.mkv")) > 0, "the stopped file's partial video was closed playable");
    }

    [Fact]
    public void ThreeShards_ByOptionSlurmAndKubernetes_CoverEveryInputOnce()
    {
        string dir = LiveconvProcess.TempDirectory();
        string[] names = [.. Enumerable.Range(0, 7).Select(i => $"clip{i}.mp4")];
        Clips(dir, "clips", 3, names);
        var slurm = new Dictionary<string, string?>(Plain)
        {
            // sbatch --array=1-3: the second task.
            ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_MAX"] = "3",
        };
        var kubernetes = new Dictionary<string, string?>(Plain) { ["JOB_COMPLETION_INDEX"] = "2" };

        var runs = new[]
        {
            Run(dir, Plain, "--source", "clips", "--output-dir", "out", "--shard", "0/3"),
            Run(dir, slurm, "--source", "clips", "--output-dir", "out"),
            Run(dir, kubernetes, "--source", "clips", "--output-dir", "out", "--shards", "3"),
        };

        Assert.All(runs, r => Assert.Equal((ExitCodes.Ok, ""), (r.Exit, r.Err)));
        var shares = Enumerable.Range(0, 3).Select(k => Entries(dir, $"out/manifest.{k}-of-3.jsonl").Select(e => e.Input).ToList()).ToList();
        Assert.Equal(names, shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        for (int k = 0; k < 3; k++)
        {
            var expected = names.Where(n => new Shard(k, 3).Owns(new BatchInput("", n, ""))).ToList();
            Assert.Equal(expected, shares[k].Order(StringComparer.Ordinal));
            Assert.Contains($"batch: {expected.Count} of 7 inputs (shard {k}/3)", runs[k].Out, StringComparison.Ordinal);
        }

        Assert.Equal(names.Select(n => Path.ChangeExtension(n, ".mkv")), Directory.GetFiles(Path.Combine(dir, "out"), "*.mkv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--source", "clips" }, "liveconv: --source names a batch of videos: add --output-dir DIR for their outputs (DIR/NAME.mkv each) and the manifest\n")]
    [InlineData(new[] { "--source", "clips", "--output-dir", "out", "--output", "x.mkv" }, "liveconv: --output does not fit a batch: each input's mosaic goes to --output-dir as NAME.mkv, and a batch reads its files as fast as it can\n")]
    [InlineData(new[] { "--source", "clips", "--output-dir", "out", "--dump", "/tmp/maps" }, "liveconv: --dump: in a batch this names a folder inside each input's DIR/NAME/ (e.g. --dump maps), got '/tmp/maps'\n")]
    [InlineData(new[] { "--source", "@nolist.txt", "--output-dir", "out" }, "liveconv: --source: list file 'nolist.txt' does not exist (write @FILE, one video path a line)\n")]
    [InlineData(new[] { "--source", "clips/a.mp4", "--force" }, "liveconv: --force is for a batch: add --output-dir DIR\n")]
    [InlineData(new[] { "--source", "clips", "--output-dir", "clips" }, "liveconv: --output-dir: 'clips' holds the input a.mp4; give a folder of its own, or its .mkv outputs would be inputs of the next run\n")]
    [InlineData(new[] { "--source", "clips", "--output-dir", "out", "--shards", "3" }, "liveconv: --shards 3: this process is not a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is not set); give --shard K/N instead\n")]
    public void BatchMistakes_OneLineUsageError(string[] args, string error)
    {
        string dir = LiveconvProcess.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "clips"));
        File.WriteAllBytes(Path.Combine(dir, "clips", "a.mp4"), []);

        var r = Run(dir, Plain, args);

        Assert.Equal((ExitCodes.UsageError, error), (r.Exit, r.Err));
    }

    [Fact]
    public void Dump_GoesUnderEachInputsFolder()
    {
        string dir = LiveconvProcess.TempDirectory();
        Clips(dir, "clips", 3, "a.mp4", "b.mp4");

        var r = Run(dir, Plain, "--source", "clips", "--output-dir", "out", "--dump", "maps");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dir, "out", "a", "maps"), "frame_*.npy").Length);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dir, "out", "b", "maps"), "frame_*.npy").Length);
    }

    private static string Clips(string dir, string folder, int frames, params string[] names)
    {
        string path = Path.Combine(dir, folder);
        Directory.CreateDirectory(path);
        foreach (string name in names)
        {
            TestMedia.Clip(path, name, 64, 48, frames);
        }

        return path;
    }

    private static List<ManifestEntry> Entries(string dir, string path) =>
        [.. File.ReadAllLines(Path.Combine(dir, path)).Select(l => JsonSerializer.Deserialize<ManifestEntry>(l, Manifest.Json)!)];

    private static int Lines(string output, string prefix) =>
        output.Split('\n').Count(l => l.Length > 0 && l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..].StartsWith(prefix, StringComparison.Ordinal) && l.StartsWith('['));
}
