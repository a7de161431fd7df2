using LiveConv.Video.Sinks;

namespace LiveConv.Video.Tests.Sinks;

public class PartialFileTests
{
    [Theory]
    [InlineData("out/frame_000042.npy", "out/frame_000042.partial.npy")]
    [InlineData("snapshot_000001.png", "snapshot_000001.partial.png")]
    [InlineData("/data/run.2/maps.v1.mkv", "/data/run.2/maps.v1.partial.mkv")]
    [InlineData("out/noextension", "out/noextension.partial")]
    public void PathFor_SameFolder_ExtensionLast(string path, string partial)
    {
        Assert.Equal(partial, PartialFile.PathFor(path));
    }

    [Fact]
    public void Write_Succeeds_FinalNameHasTheBytes_NoPartialLeft()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "frame_000000.npy");

        PartialFile.Write(path, stream => stream.Write([1, 2, 3]));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_OverAnEarlierFile_ReplacesIt()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "snapshot_000000.png");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9]);

        PartialFile.Write(path, stream => stream.Write([1, 2]));

        Assert.Equal([1, 2], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_ThrowsMidway_NothingUnderTheFinalName_PartialRemoved_ErrorGoesOn()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "frame_000000.npy");
        var failure = new IOException("No space left on device");
        string? seen = null;

        var thrown = Assert.Throws<IOException>(() => PartialFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            stream.Flush();
            seen = Directory.GetFiles(dir).Single();
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal(PartialFile.PathFor(path), seen);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_ThrowsMidway_OverAnEarlierFile_KeepsItsContent()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "frame_000000.npy");
        File.WriteAllBytes(path, [7, 7, 7]);

        Assert.Throws<InvalidOperationException>(() => PartialFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("the frame has no feature maps");
        }));

        Assert.Equal([7, 7, 7], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Write_FolderUnderTheFinalName_Throws_PartialRemoved_FolderUntouched()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "snapshot_000000.png");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "kept");

        Assert.ThrowsAny<IOException>(() => PartialFile.Write(path, stream => stream.Write([1, 2, 3])));

        Assert.Empty(Directory.GetFiles(dir));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "keep.txt")));
    }
}
