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

        Assert.Equal("fps in 0.0  out 0.0  drops 0", lines[0]);
        Assert.Equal("latency p50 0.0 ms  p99 0.0 ms", lines[1]);
        Assert.StartsWith("engine 0.0 ms  capture 0.0  render 0.0  sink 0.0", lines[2], StringComparison.Ordinal);
        Assert.Equal("L0 conv2d 2x24x32 (1,536 neurons)", lines[3]);
        Assert.Equal(4, lines.Count);
    }
}
