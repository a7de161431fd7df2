using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Tests.Engine;

public class MapStagesTests
{
    // conv → relu → max pool, twice: the stack config's shape, on an odd-sized frame.
    private static readonly Network Stack = new(
        new InputSpec(PixelFormat.Gray, 1f / 255, 37, 23),
        [
            new Conv2d([KernelLibrary.Get("sobel_x"), KernelLibrary.Get("sobel_y")], padding: Padding.Same),
            new Activation(ActivationKind.Relu),
            new MaxPool2d(Size2.Square(2)),
            new Conv2d([KernelLibrary.Get("laplacian"), KernelLibrary.Get("vertical_line"), KernelLibrary.Get("horizontal_line")], padding: Padding.Valid),
            new Activation(ActivationKind.LeakyRelu),
            new AvgPool2d(Size2.Square(2)),
        ]);

    [Theory]
    [InlineData(0, new[] { 0, 1, 2 })]
    [InlineData(2, new[] { 0, 1, 2 })]
    [InlineData(3, new[] { 3, 4, 5 })]
    [InlineData(5, new[] { 3, 4, 5 })]
    public void Find_IsTheBlockOfTheLastConvolutionAtOrBeforeTheLayer(int layer, int[] expected) =>
        Assert.Equal(expected, MapStages.Find(Stack, layer));

    [Fact]
    public void Find_TakesWhatTheBlockHas_AndNothingWithoutAConvolution()
    {
        var spec = new InputSpec(PixelFormat.Gray, 1f, 8, 8);
        var kernel = KernelLibrary.Get("identity");
        Assert.Equal([0, 1], MapStages.Find(new Network(spec, [new Conv2d([kernel]), new MaxPool2d(Size2.Square(2))]), 1));
        Assert.Equal([0], MapStages.Find(new Network(spec, [new Conv2d([kernel])]), 0));
        var poolFirst = new Network(spec, [new MaxPool2d(Size2.Square(2)), new Conv2d([kernel])]);
        Assert.Empty(MapStages.Find(poolFirst, 0));
        Assert.Equal([1], MapStages.Find(poolFirst, 1));
        Assert.Throws<ArgumentException>(() => new MapStages(poolFirst, 0, 0));
    }

    [Fact]
    public void Names_SayWhatEachStageIs() =>
        Assert.Equal(["z", "leaky_relu(z)", "avgpool2d 2x2"], new MapStages(Stack, 5, 0).Names);

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 2)]
    [InlineData(5, 9)] // past the last map: clamped to it
    public void BothEngines_CopyTheFollowedMapOfEachStage_AsTheReferenceComputesIt(int layer, int map)
    {
        var stages = new MapStages(Stack, layer, map);
        var frame = new FramePool().Rent();
        using var runner = new RunnerFrameEngine(Stack, layer, threads: 2, stagesOf: map);
        using var reference = new ReferenceFrameEngine(Stack, layer, stagesOf: map);
        var pixels = frame.PreparePixels(37, 23, PixelFormat.Gray);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37 % 251) ^ (i / 37 * 11));
        }

        var expected = ReferenceEngine.Run(Stack, frame.Pixels, PixelFormat.Gray);
        foreach (IFrameEngine engine in new IFrameEngine[] { runner, reference })
        {
            engine.Process(frame);
            Assert.Equal(stages.Names, frame.StageNames);
            Assert.Equal(stages.Layers.Count, frame.Stages.Count);
            for (int s = 0; s < stages.Layers.Count; s++)
            {
                var want = expected[stages.Layers[s]];
                var got = frame.Stages[s];
                Assert.Equal(new Shape3(1, want.Height, want.Width), got.Shape);
                float[] plane = want.Channel(stages.Map).ToArray();
                float tolerance = 1e-4f * Math.Max(1, plane.Max(Math.Abs));
                Assert.All(plane.Zip(got.Data), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance, $"stage {s}: {p.First} vs {p.Second}"));
            }

            // The displayed layer's maps are still there, whole.
            Assert.Equal(expected[layer].Shape, frame.Maps!.Shape);
        }
    }

    [Fact]
    public void WithoutStages_AFrameThatHadThemHasNoneAfterwards()
    {
        var frame = new FramePool().Rent();
        frame.PreparePixels(37, 23, PixelFormat.Gray).Fill(9);
        using (var with = new RunnerFrameEngine(Stack, 2, threads: 1, stagesOf: 0))
        {
            with.Process(frame);
        }

        Assert.Equal(3, frame.Stages.Count);
        using var without = new RunnerFrameEngine(Stack, 2, threads: 1);
        without.Process(frame);
        Assert.Empty(frame.Stages);
        Assert.Empty(frame.StageNames);
    }

    [Fact]
    public void SwitchingEngine_FollowsTheSlotsStages()
    {
        var slot = new NetworkSlot(Stack, 2);
        using var engine = new SwitchingFrameEngine(slot, s => new RunnerFrameEngine(s.Network, s.Layer, 1, s.StagesOf));
        var frame = new FramePool().Rent();
        frame.PreparePixels(37, 23, PixelFormat.Gray).Fill(200);
        engine.Process(frame);
        Assert.Empty(frame.Stages);

        slot.Set(Stack, 5, stagesOf: 1);
        engine.Process(frame);
        Assert.Equal(["z", "leaky_relu(z)", "avgpool2d 2x2"], frame.StageNames);
    }
}
