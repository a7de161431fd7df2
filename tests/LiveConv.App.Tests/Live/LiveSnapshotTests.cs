using LiveConv.App.Live;
using LiveConv.App.Tests.Cli;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sinks;
using OpenCvSharp;

namespace LiveConv.App.Tests.Live;

public class LiveSnapshotTests
{
    /// <summary>Frame 42 with a 64x48 mosaic of the given pixels (cycling) and 2x3x4 maps 0, 0.5, 1, ….</summary>
    private static Frame Shown(int width = 64, int height = 48, Func<int, byte>? pixel = null)
    {
        var frame = new Frame { Index = 42 };
        var mosaic = frame.PrepareMosaic(width, height);
        for (int i = 0; i < width * height * 3; i++)
        {
            mosaic[i] = pixel?.Invoke(i) ?? (byte)(i * 7);
        }

        var maps = frame.PrepareMaps(new Shape3(2, 3, 4));
        for (int i = 0; i < maps.Data.Length; i++)
        {
            maps.Data[i] = i * 0.5f - 3;
        }

        return frame;
    }

    private static string[] Partials(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => f.Contains(".partial.", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Take_NoFrameYet_SaysSo_WritesNothing()
    {
        string dir = Path.Combine(LiveconvProcess.TempDirectory(), "snapshots");

        Assert.Equal("no frame yet to snapshot", LiveSnapshot.Take(null, dir));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Take_MakesTheFolder_WritesThePngOfTheMosaicAndTheNpyOfTheMaps_NoPartialLeft()
    {
        string dir = Path.Combine(LiveconvProcess.TempDirectory(), "new", "snapshots");
        var frame = Shown();
        string png = Path.Combine(dir, "snapshot_000042.png"), npy = Path.Combine(dir, "snapshot_000042.npy");

        Assert.Equal($"snapshot {Path.Combine(dir, "snapshot_000042")}.png + .npy", LiveSnapshot.Take(frame, dir));

        Assert.Equal([Path.Combine(dir, FrameIndex.FileName), npy, png], Directory.GetFiles(dir).Order(StringComparer.Ordinal));
        Assert.Equal(["file,frame,pts_ms", "snapshot_000042.png,42,0"], File.ReadAllLines(Path.Combine(dir, FrameIndex.FileName)));
        using (var image = Cv2.ImRead(png, ImreadModes.Unchanged))
        {
            Assert.Equal(new Size(64, 48), image.Size());
            image.GetArray(out Vec3b[] pixels);
            Assert.Equal(frame.Mosaic.ToArray(), pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray());
        }

        byte[] file = File.ReadAllBytes(npy);
        byte[] header = NpyWriter.Header(new Shape3(2, 3, 4));
        Assert.Equal(header, file[..header.Length]);
        float[] maps = new float[24];
        Assert.Equal(maps.Length * 4, file.Length - header.Length);
        Buffer.BlockCopy(file, header.Length, maps, 0, maps.Length * 4);
        Assert.Equal(frame.Maps!.Data, maps);
        Assert.Empty(Partials(dir));
    }

    [Theory]
    // Tests run as root, for whom chmod a-w does not stop a write: /proc takes no new files, even from root.
    [InlineData("/proc/self/snapshots", "cannot snapshot: '/proc/self/snapshots' does not accept new files (a read-only or virtual file system)")]
    [InlineData("{dir}/notes.txt", "cannot snapshot: '{dir}/notes.txt' is a file, not a folder")]
    [InlineData("{dir}/notes.txt/snapshots", "cannot snapshot: '{dir}/notes.txt' is a file, not a folder")]
    public void Take_FolderThatCannotBeWritten_SaysCannotSnapshot_WritesNothing(string folder, string message)
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "a file where a folder is expected");

        Assert.Equal(message.Replace("{dir}", dir, StringComparison.Ordinal), LiveSnapshot.Take(Shown(), folder.Replace("{dir}", dir, StringComparison.Ordinal)));

        Assert.Equal([Path.Combine(dir, "notes.txt")], Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
        Assert.Equal("a file where a folder is expected", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.False(Directory.Exists("/proc/self/snapshots"));
    }

    [Fact]
    public void Take_PngNameTakenByAFolder_SaysCannotSnapshot_WritesNothing()
    {
        string dir = LiveconvProcess.TempDirectory();
        string png = Path.Combine(dir, "snapshot_000042.png");
        Directory.CreateDirectory(png);

        Assert.Equal($"cannot snapshot: Is a directory : '{png}'", LiveSnapshot.Take(Shown(), dir));

        Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Take_NpyNameTakenByAFolder_SaysCannotSnapshot_ThePngWrittenStaysComplete()
    {
        string dir = LiveconvProcess.TempDirectory();
        string png = Path.Combine(dir, "snapshot_000042.png"), npy = Path.Combine(dir, "snapshot_000042.npy");
        Directory.CreateDirectory(npy);

        Assert.Equal($"cannot snapshot: Is a directory : '{npy}' ({png} was written)", LiveSnapshot.Take(Shown(), dir));

        Assert.Equal([png], Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
        using var image = Cv2.ImRead(png);
        Assert.Equal(new Size(64, 48), image.Size());
    }

    [SmallDiskFact]
    public void Take_DiskFills_SaysCannotSnapshot_NoFileLeft()
    {
        using var disk = SmallDisk.Mount("100");
        // Noise does not compress: a 320x240 PNG of it is about 230 KB, more than the disk holds.
        var noise = new Random(1);
        var frame = Shown(320, 240, _ => (byte)noise.Next(256));

        string message = LiveSnapshot.Take(frame, disk.Path);

        Assert.Equal($"cannot snapshot: No space left on device : '{Path.Combine(disk.Path, "snapshot_000042.partial.png")}'", message);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }
}
