using System.Diagnostics;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sinks;

public class VideoRoundTripTests
{
    private const int Frames = 24;

    /// <summary>A clip of the synthetic scene, written with OpenCV.</summary>
    private static string WriteClip(string dir)
    {
        string path = Path.Combine(dir, "clip.avi");
        var scene = new SyntheticScene(64, 48, 25, seed: 3);
        using var writer = new VideoWriter(path, FourCC.FromString("MJPG"), 25, new Size(64, 48));
        using var canvas = new Mat();
        for (int i = 0; i < Frames; i++)
        {
            scene.Draw(i, canvas);
            writer.Write(canvas);
        }

        return path;
    }

    private static int CountFrames(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        Assert.True(capture.IsOpened(), $"cannot reopen {path}");
        using var image = new Mat();
        int n = 0;
        while (capture.Read(image) && !image.Empty())
        {
            n++;
        }

        return n;
    }

    [Theory]
    [InlineData("out.mkv", false)]
    [InlineData("out.mp4", false)]
    [InlineData("out.avi", false)]
    [InlineData("lossless.mkv", true)]
    public async Task FileIn_VideoOut_SameFrameCountAtTheSourceFps(string name, bool lossless)
    {
        string dir = Runs.TempDirectory();
        using var source = new VideoFileSource(WriteClip(dir), realtime: false);
        string output = Path.Combine(dir, name);
        var sink = new VideoFileSink(output, source.Info.Fps, lossless);

        var pipeline = await Runs.Run(source, Runs.Lines(), new MosaicRenderer(new MosaicOptions { Colormap = Colormap.Parse("inferno") }), [sink]);

        Assert.Equal(Frames, pipeline.Stats.Output);
        Assert.Equal(Frames, CountFrames(output));
        using var capture = new VideoCapture(output);
        Assert.Equal(25, capture.Fps, 1);
    }

    [Fact]
    public async Task Output_IsPlayableByFfprobe()
    {
        string dir = Runs.TempDirectory();
        using var source = new VideoFileSource(WriteClip(dir), realtime: false);
        string output = Path.Combine(dir, "probe.mkv");

        await Runs.Run(source, Runs.Lines(), new MosaicRenderer(new MosaicOptions()), [new VideoFileSink(output, source.Info.Fps)]);

        var probe = Process.Start(new ProcessStartInfo("ffprobe",
            ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", output])
        {
            RedirectStandardOutput = true,
        })!;
        string counted = (await probe.StandardOutput.ReadToEndAsync()).Trim();
        await probe.WaitForExitAsync();
        Assert.Equal(0, probe.ExitCode);
        Assert.Equal(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture), counted);
    }

    [Fact]
    public void MosaicOfAnotherSize_IsFittedIntoTheFirstsSize_NoFrameLost()
    {
        string output = Path.Combine(Runs.TempDirectory(), "sizes.mkv");
        var frame = new LiveConv.Pipeline.Frames.FramePool().Rent();
        using (var sink = new VideoFileSink(output, 25, lossless: true))
        {
            foreach (var (width, height) in new[] { (64, 48), (128, 48), (32, 96), (64, 48) })
            {
                frame.PrepareMosaic(width, height).AsSpan().Fill(200);
                sink.Write(frame);
            }

            Assert.Equal(4, sink.FramesWritten);
        }

        using var capture = new VideoCapture(output, VideoCaptureAPIs.FFMPEG);
        using var image = new Mat();
        var seen = new List<(Size Size, byte Centre, byte Corner)>();
        while (capture.Read(image) && !image.Empty())
        {
            seen.Add((image.Size(), image.At<Vec3b>(24, 32).Item0, image.At<Vec3b>(0, 0).Item0));
        }

        // Every frame kept at the file's size; the wide one is letterboxed (black corner), the tall one pillarboxed.
        Assert.Equal([(new Size(64, 48), 200, 200), (new Size(64, 48), 200, 0), (new Size(64, 48), 200, 0), (new Size(64, 48), 200, 200)], seen);
    }

    [Theory]
    [InlineData("out.mov")]
    [InlineData("out")]
    public void UnknownExtension_IsAClearError(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new VideoFileSink(Path.Combine(Runs.TempDirectory(), name), 30));
        Assert.Contains(".mp4, .mkv, .avi", error.Message);
    }
}
