using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Tests.Engine;

public class RunnerFrameEngineTests
{
    [Fact]
    public void Maps_MatchTheReferenceToFloatRounding_AndTheBufferIsReused()
    {
        using var engine = new RunnerFrameEngine(TestDoubles.Network, layer: null, threads: 2);
        var frame = new FramePool().Rent();
        Tensor? first = null;
        for (int i = 0; i < 3; i++)
        {
            var pixels = frame.PreparePixels(TestDoubles.Width, TestDoubles.Height, PixelFormat.Gray);
            TestDoubles.Fill(pixels, i);
            engine.Process(frame);
            first ??= frame.Maps;

            var expected = ReferenceEngine.Run(TestDoubles.Network, frame.Pixels, PixelFormat.Gray)[^1];
            float tolerance = 1e-4f * Math.Max(1, expected.Data.Max(Math.Abs));
            Assert.All(expected.Data.Zip(frame.Maps!.Data), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance));
        }

        Assert.Same(first, frame.Maps);
        Assert.Equal(["vertical_line", "identity"], frame.MapNames);
    }
}
