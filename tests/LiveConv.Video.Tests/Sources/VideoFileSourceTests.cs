using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sources;

public class VideoFileSourceTests
{
    [Fact]
    public void Frames_CarryTheirIndexAndTimestampInTheFile()
    {
        string path = Path.Combine(Runs.TempDirectory(), "ten.avi");
        using (var writer = new VideoWriter(path, FourCC.FromString("MJPG"), 20, new Size(32, 32)))
        using (var image = new Mat(32, 32, MatType.CV_8UC3, Scalar.All(90)))
        {
            for (int i = 0; i < 10; i++)
            {
                writer.Write(image);
            }
        }

        using var source = new VideoFileSource(path, realtime: false);
        var frame = new FramePool().Rent();
        var times = new List<(long, double)>();
        while (source.Read(frame, CancellationToken.None))
        {
            times.Add((frame.Index, frame.SourceTime.TotalMilliseconds));
        }

        Assert.Equal(10, source.Info.FrameCount);
        Assert.False(source.Info.IsLive);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => ((long)i, i * 50.0)), times);
    }
}
