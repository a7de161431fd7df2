using LiveConv.App.Live;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Display;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Tests.Live;

public class LiveControlTests
{
    private static LiveState State()
    {
        var kernel = KernelLibrary.Get("sobel_x");
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 32, 24),
            [new Conv2d([kernel], padding: Padding.Same), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2))]);
        return new LiveState { Network = network, Layer = 2 };
    }

    [Theory]
    [InlineData('q', LiveAction.Quit)]
    [InlineData(27, LiveAction.Quit)]
    [InlineData('h', LiveAction.Help)]
    [InlineData(' ', LiveAction.Pause)]
    [InlineData(9, LiveAction.NextLayer)]
    [InlineData('+', LiveAction.StrideUp)]
    [InlineData('-', LiveAction.StrideDown)]
    [InlineData('p', LiveAction.TogglePadding)]
    [InlineData('m', LiveAction.TogglePooling)]
    [InlineData('r', LiveAction.NextActivation)]
    [InlineData('c', LiveAction.NextColormap)]
    [InlineData('n', LiveAction.NextNormalization)]
    [InlineData('z', LiveAction.Zoom)]
    [InlineData('o', LiveAction.Overlay)]
    [InlineData('x', LiveAction.Stages)]
    [InlineData('f', LiveAction.Filters)]
    [InlineData('s', LiveAction.Snapshot)]
    [InlineData('v', LiveAction.Record)]
    [InlineData(WindowKeys.Right, LiveAction.NextMap)]
    [InlineData(WindowKeys.Left, LiveAction.PreviousMap)]
    [InlineData('k', LiveAction.None)]
    public void Map_KeyGivesItsAction(int key, LiveAction action) => Assert.Equal(action, KeyBindings.Map(key).Action);

    [Fact]
    public void Map_DigitCarriesItsValue() => Assert.Equal(new KeyCommand(LiveAction.PickConfig, 3), KeyBindings.Map('3'));

    [Fact]
    public void Filters_OpenOnTheDisplayedLayersConvolutionAndClose()
    {
        var (shown, message) = LiveControl.Apply(State(), LiveAction.Filters);
        Assert.True(shown.Filters);
        Assert.Equal("filters of layer 0: 1 x 1x3x3", message);

        var (closed, again) = LiveControl.Apply(shown, LiveAction.Filters);
        Assert.False(closed.Filters);
        Assert.Equal("filters closed", again);
    }

    [Fact]
    public void Filters_OfANetworkWithoutConvolution_SayThereAreNone()
    {
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 32, 24), [new MaxPool2d(Size2.Square(2))]);
        var (state, message) = LiveControl.Apply(new LiveState { Network = network, Layer = 0 }, LiveAction.Filters);

        Assert.False(state.Filters);
        Assert.Equal("no filters: this network has no convolution", message);
    }

    [Fact]
    public void TogglePooling_MaxBecomesAverageAndBack()
    {
        var (once, message) = LiveControl.Apply(State(), LiveAction.TogglePooling);
        Assert.IsType<AvgPool2d>(once.Network.Layers[2]);
        Assert.Contains("avgpool2d", message);
        var (twice, _) = LiveControl.Apply(once, LiveAction.TogglePooling);
        Assert.IsType<MaxPool2d>(twice.Network.Layers[2]);
    }

    [Fact]
    public void StrideUp_WithSamePadding_IsRefusedAndKeepsTheNetwork()
    {
        var state = State();
        var (after, message) = LiveControl.Apply(state, LiveAction.StrideUp);
        Assert.Same(state.Network, after.Network);
        Assert.StartsWith("kept the previous network:", message);
        Assert.Contains("same", message);
    }

    [Fact]
    public void ValidPaddingThenStrideTwo_ShrinksTheOutputAsTheFormulaSays()
    {
        var (valid, _) = LiveControl.Apply(State(), LiveAction.TogglePadding);
        var (strided, _) = LiveControl.Apply(valid, LiveAction.StrideUp);
        var conv = (Conv2d)strided.Network.Layers[0];
        Assert.Equal(2, conv.Stride.Height);
        // (24 - 3) / 2 + 1 = 11 rows, (32 - 3) / 2 + 1 = 15 columns; pooling halves them.
        Assert.Equal(new Shape3(1, 11, 15), strided.Network.Shapes[0]);
        Assert.Contains("stride 2 padding valid", LiveControl.Status(strided)[1]);
    }

    [Fact]
    public void NextActivation_CyclesReluLeakyAbsNone()
    {
        var state = State();
        var kinds = new List<ActivationKind>();
        for (int i = 0; i < 4; i++)
        {
            state = LiveControl.Apply(state, LiveAction.NextActivation).State;
            kinds.Add(((Activation)state.Network.Layers[1]).Kind);
        }

        Assert.Equal([ActivationKind.LeakyRelu, ActivationKind.Abs, ActivationKind.None, ActivationKind.Relu], kinds);
    }

    [Fact]
    public void ViewKeys_ChangeOnlyTheView()
    {
        var state = State();
        var after = LiveControl.Apply(state, LiveAction.NextColormap).State;
        after = LiveControl.Apply(after, LiveAction.NextNormalization).State;
        after = LiveControl.Apply(after, LiveAction.Zoom).State;
        after = LiveControl.Apply(after, LiveAction.Pause).State;
        after = LiveControl.Apply(after, LiveAction.Help).State;

        Assert.Same(state.Network, after.Network);
        Assert.Equal("inferno", after.Colormap.Name);
        Assert.Equal(Normalization.Global, after.Normalization);
        Assert.True(after.Zoom && after.Paused && after.Help);
    }

    [Fact]
    public void NextLayer_WrapsAround() => Assert.Equal(0, LiveControl.Apply(State(), LiveAction.NextLayer).State.Layer);

    [Fact]
    public void Status_AlwaysShowsShapeAndNeurons()
    {
        var lines = LiveControl.Status(State());
        Assert.Equal("layer 2 (maxpool2d) out 1x12x16  neurons 192", lines[0]);
    }

    [Fact]
    public void Stages_ToggleAndNameTheBlocksStages()
    {
        var (on, message) = LiveControl.Apply(State(), LiveAction.Stages);
        Assert.True(on.Stages);
        Assert.Equal("stages of sobel_x: z -> relu(z) -> maxpool2d 2x2", message);
        var (off, _) = LiveControl.Apply(on, LiveAction.Stages);
        Assert.False(off.Stages);
    }

    [Theory]
    [InlineData(LiveAction.Zoom, "zoom on sobel_x")]
    [InlineData(LiveAction.Overlay, "overlay sobel_x on the input")]
    [InlineData(LiveAction.NextMap, "sobel_x selected")]
    [InlineData(LiveAction.NextNormalization, "normalization global")]
    public void Messages_NameTheMapAndTheNormalizationAsTheMosaicAndTheCommandLineDo(LiveAction action, string message) =>
        Assert.Equal(message, LiveControl.Apply(State(), action).Message);

    [Fact]
    public void Stages_OfALayerWithNoConvolutionBeforeIt_AreRefused()
    {
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 32, 24),
            [new MaxPool2d(Size2.Square(2)), new Conv2d([KernelLibrary.Get("sobel_x")])]);
        var state = new LiveState { Network = network, Layer = 0 };
        var (after, message) = LiveControl.Apply(state, LiveAction.Stages);
        Assert.False(after.Stages);
        Assert.Equal("no convolution at or before this layer: no stages to show", message);
    }

    [Fact]
    public void Status_NamesTheDisplayedBlocksPoolingAndActivation()
    {
        var network = new Network(new InputSpec(PixelFormat.Gray, 1f, 32, 24),
        [
            new Conv2d([KernelLibrary.Get("sobel_x")], padding: Padding.Same), new Activation(ActivationKind.Relu), new MaxPool2d(Size2.Square(2)),
            new Conv2d([KernelLibrary.Get("sobel_y")], padding: Padding.Same), new Activation(ActivationKind.LeakyRelu), new AvgPool2d(Size2.Square(2)),
        ]);

        Assert.Contains("maxpool2d  relu", LiveControl.Status(new LiveState { Network = network, Layer = 2 })[1]);
        Assert.Contains("L3 stride 1 padding same  avgpool2d  leaky_relu", LiveControl.Status(new LiveState { Network = network, Layer = 5 })[1]);
    }
}
