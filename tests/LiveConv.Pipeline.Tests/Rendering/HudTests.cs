using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Rendering;

namespace LiveConv.Pipeline.Tests.Rendering;

public class HudTests
{
    [Fact]
    public void Lines_ShowRatesLatencyDropsStagesAndLayerShapesAtTheFrameSize()
    {
        var stats = new PipelineStats(TimeProvider.System);
        var frame = new FramePool().Rent();
        frame.PreparePixels(32, 24, PixelFormat.Gray);

        var lines = new Hud(stats, TestDoubles.Network).Lines(frame);

        Assert.Equal("fps in 0.0  out 0.0  latency p50 0.0 ms  p99 0.0 ms", lines[0]);
        Assert.Equal("ms per frame: capture 0.0  engine 0.0  render 0.0  sink 0.0  display 0.0", lines[1]);
        Assert.Equal("drops 0: before engine 0  render 0  sink 0  display 0", lines[2]);
        Assert.Equal("L0 conv2d 2x24x32 (1,536 neurons)", lines[3]);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void ACameraSaysFirstWhatItGives()
    {
        var stats = new PipelineStats(TimeProvider.System);
        var frame = new FramePool().Rent();
        frame.PreparePixels(32, 24, PixelFormat.Gray);

        var lines = new Hud(stats, TestDoubles.Network, 30, "camera 0: 1280x720 MJPG at 30 fps").Lines(frame);

        Assert.Equal("source: camera 0: 1280x720 MJPG at 30 fps", lines[0]);
        Assert.Equal(5, lines.Count);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(70, true)]
    public void APacedSourceMoreThanTwoFramesBehind_GetsAWarningThatSaysWhatToTry(int behindMs, bool warned)
    {
        var stats = new PipelineStats(TimeProvider.System);
        var frame = new FramePool().Rent();
        frame.PreparePixels(32, 24, PixelFormat.Gray);
        stats.OnPaced(TimeSpan.FromMilliseconds(behindMs));

        var lines = new Hud(stats, TestDoubles.Network, fps: 30).Lines(frame);

        var warning = lines.Where(l => l.StartsWith(Hud.Warning, StringComparison.Ordinal)).ToArray();
        Assert.Equal(warned ? 1 : 0, warning.Length);
        if (warned)
        {
            Assert.Matches(@"^! falling behind by 2 frames: the engine needs 0\.0 ms per 32x24 frame \(render 0\.0 ms\), the source gives one every 33\.3 ms; try --realtime, a smaller --size or fewer filters$", warning[0]);
        }
    }
}
