using LiveConv.Pipeline.Frames;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sinks;

public class SnapshotSinkTests
{
    [Fact]
    public async Task EveryNthFrame_IsAPngOfTheMosaic()
    {
        string dir = Runs.TempDirectory();
        using var source = new SyntheticSource(64, 48, 30, seed: 1, realtime: false);

        await Runs.Run(source, Runs.Lines(), new MosaicRenderer(new MosaicOptions()), [new SnapshotSink(dir, every: 5)], frames: 12);

        Assert.Equal(["index.csv", "snapshot_000000.png", "snapshot_000005.png", "snapshot_000010.png"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["file,frame,pts_ms", "snapshot_000000.png,0,0", "snapshot_000005.png,5,166.667", "snapshot_000010.png,10,333.333"],
            File.ReadAllLines(Path.Combine(dir, FrameIndex.FileName)));
        using var png = Cv2.ImRead(Path.Combine(dir, "snapshot_000005.png"));
        // Two 64x48 maps side by side, a gap between them, each under its label strip.
        Assert.Equal(new Size((2 * 64) + MosaicLayout.Gap, 48 + MosaicLayout.LabelHeight), png.Size());
    }

    [Fact]
    public void Save_IsAPngOfTheMosaicPixels_NoPartialLeft()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "shot.png");
        var frame = Mosaic(0, 40, 30);
        for (int i = 0; i < frame.MosaicBuffer.Length; i++)
        {
            frame.MosaicBuffer[i] = (byte)(i * 7);
        }

        SnapshotSink.Save(frame, path);

        using var png = Cv2.ImRead(path, ImreadModes.Unchanged);
        Assert.Equal(new Size(40, 30), png.Size());
        Assert.Equal(MatType.CV_8UC3, png.Type());
        png.GetArray(out Vec3b[] pixels);
        Assert.Equal(frame.Mosaic.ToArray(), pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray());
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_FinalNameTaken_Throws_EarlierSnapshotsKept_NoPartialLeft()
    {
        string dir = Runs.TempDirectory();
        using var sink = new SnapshotSink(dir, every: 1);
        sink.Write(Mosaic(0, 64, 48));
        byte[] first = File.ReadAllBytes(Path.Combine(dir, SnapshotSink.FileName(0)));
        // A folder under frame 1's name: the whole PNG is written to its partial name, then the move fails.
        Directory.CreateDirectory(Path.Combine(dir, SnapshotSink.FileName(1)));

        Assert.ThrowsAny<IOException>(() => sink.Write(Mosaic(1, 64, 48)));

        Assert.Equal([SnapshotSink.FileName(0)], Directory.GetFiles(dir, "*.png").Select(Path.GetFileName));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir, SnapshotSink.FileName(0))));
        using var png = Cv2.ImDecode(first, ImreadModes.Color);
        Assert.Equal(new Size(64, 48), png.Size());
    }

    private static Frame Mosaic(long index, int width, int height)
    {
        var frame = new Frame { Index = index };
        frame.PrepareMosaic(width, height).AsSpan().Fill((byte)(index * 50));
        return frame;
    }
}
