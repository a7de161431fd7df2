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

    /// <summary>Frame i is gray level 20 i: the two images decoded one ahead never swap frames.</summary>
    private static string Levels(int count)
    {
        string path = Path.Combine(Runs.TempDirectory(), "levels.mkv");
        using var writer = new VideoWriter(path, FourCC.FromString("FFV1"), 25, new Size(16, 16));
        for (int i = 0; i < count; i++)
        {
            using var image = new Mat(16, 16, MatType.CV_8UC3, Scalar.All(i * 20));
            writer.Write(image);
        }

        return path;
    }

    [Fact]
    public void DecodingOneAhead_KeepsEachFramesOwnPixels()
    {
        using var source = new VideoFileSource(Levels(12), realtime: false);
        var frame = new FramePool().Rent();
        var levels = new List<int>();
        while (source.Read(frame, CancellationToken.None))
        {
            levels.Add(frame.Pixels[0]);
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 20), levels);
    }

    [Fact]
    public void Disposing_WhileTheNextFrameIsBeingDecoded_IsClean()
    {
        string path = Levels(12);
        var frame = new FramePool().Rent();
        using (var source = new VideoFileSource(path, realtime: false))
        {
            Assert.True(source.Read(frame, CancellationToken.None));
        }

        using var again = new VideoFileSource(path, realtime: false);
        Assert.True(again.Read(frame, CancellationToken.None));
        Assert.Equal(0, frame.Pixels[0]);
    }
}
