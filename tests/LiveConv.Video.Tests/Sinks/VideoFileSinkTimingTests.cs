using LiveConv.Pipeline.Frames;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using LiveConv.Video.Tests.Corpus;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sinks;

/// <summary>Issue 11: an output video plays as long as its source, a variable-rate one included, to within one frame.</summary>
public class VideoFileSinkTimingTests
{
    private static int CountFrames(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        using var image = new Mat();
        int n = 0;
        while (capture.Read(image) && !image.Empty())
        {
            n++;
        }

        return n;
    }

    [Fact]
    public void GapInTheSourceTimes_HoldsThePreviousPicture_FramesCloserThanTheIntervalAreAllWritten()
    {
        string path = Path.Combine(Runs.TempDirectory(), "held.mkv");
        var frame = new FramePool().Rent();
        frame.PrepareMosaic(32, 24);
        var sink = new VideoFileSink(path, 25, lossless: true, followSourceTime: true);
        foreach (double ms in new[] { 1000.0, 1040, 1080, 1480, 1490, 1520 })
        {
            frame.SourceTime = TimeSpan.FromMilliseconds(ms);
            sink.Write(frame);
        }

        sink.Dispose();

        // Slots 0, 1, 2, then 3-11 held, 12 (1480 ms), 13 (1490 ms, one slot on rather than dropped), 14.
        Assert.Equal(9, sink.FramesHeld);
        Assert.Equal(15, sink.FramesWritten);
        Assert.Equal(15, CountFrames(path));
    }

    [Fact]
    public async Task VariableRateSource_OutputPlaysAsLongAsTheSource()
    {
        string dir = Runs.TempDirectory();
        string clip = Path.Combine(dir, "vfr.mkv");
        FfmpegOracle.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "30", "-vf", "select='not(between(n,5,14))'",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip);
        using var source = new VideoFileSource(clip, realtime: false);
        string output = Path.Combine(dir, "out.mkv");
        var sink = new VideoFileSink(output, source.Info.Fps, followSourceTime: true);

        var pipeline = await Runs.Run(source, Runs.Lines(), new MosaicRenderer(new MosaicOptions()), [sink]);

        // The first 40 frames with 5-14 left out: 30 frames over 1.6 s; the video is 40 frames at 25 fps, 10 of them held.
        Assert.Equal(30, pipeline.Stats.Output);
        Assert.Equal(40, CountFrames(output));
        Assert.Equal(10, sink.FramesHeld);
    }
}
