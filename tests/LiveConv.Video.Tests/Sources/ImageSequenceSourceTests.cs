using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sources;

public class ImageSequenceSourceTests
{
    [Fact]
    public void Folder_ReadsImagesInNameOrder()
    {
        string dir = Runs.TempDirectory();
        foreach (int v in new[] { 30, 10, 20 })
        {
            using var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(v));
            Cv2.ImWrite(Path.Combine(dir, $"img_{v:D3}.png"), image);
        }

        using var source = ImageSequenceSource.FromFolder(dir, loop: false, fps: 10);
        var frame = new FramePool().Rent();
        var firstPixels = new List<byte>();
        while (source.Read(frame, CancellationToken.None))
        {
            firstPixels.Add(frame.Pixels[0]);
        }

        Assert.Equal([10, 20, 30], firstPixels);
        Assert.Equal(3, source.Info.FrameCount);
    }

    [Fact]
    public void Image_WithLoop_RepeatsWithoutEnd()
    {
        string path = Path.Combine(Runs.TempDirectory(), "one.png");
        using (var image = new Mat(8, 8, MatType.CV_8UC1, Scalar.All(5)))
        {
            Cv2.ImWrite(path, image);
        }

        using var source = ImageSequenceSource.FromFile(path, loop: true, fps: 10);
        var frame = new FramePool().Rent();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(source.Read(frame, CancellationToken.None));
        }

        Assert.Equal(4, frame.Index);
        Assert.Null(source.Info.FrameCount);
    }
}
