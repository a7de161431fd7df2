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

        Assert.Equal(["snapshot_000000.png", "snapshot_000005.png", "snapshot_000010.png"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        using var png = Cv2.ImRead(Path.Combine(dir, "snapshot_000005.png"));
        Assert.Equal(new Size(128, 48), png.Size());
    }
}
