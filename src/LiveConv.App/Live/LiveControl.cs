using LiveConv.Engine;
using LiveConv.Pipeline.Engine;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Live;

/// <summary>
/// The pure half of the keys: an action and the current state give the new state and the line the HUD confirms
/// it with. Actions with effects outside the state (quit, snapshot, record, pick a config) leave it as it is;
/// the live view carries them out. A network change that is not valid keeps the old network and says why.
/// </summary>
public static class LiveControl
{
    public static (LiveState State, string Message) Apply(LiveState state, LiveAction action)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            return action switch
            {
                LiveAction.Help => (state with { Help = !state.Help }, state.Help ? "help hidden" : "help shown"),
                LiveAction.Pause => (state with { Paused = !state.Paused }, state.Paused ? "resumed" : "paused"),
                LiveAction.NextLayer => Layer(state, (state.Layer + 1) % state.Network.Layers.Count),
                LiveAction.StrideUp => Network(state, NetworkEdits.Stride(state.Network, state.Layer, +1), "stride"),
                LiveAction.StrideDown => Network(state, NetworkEdits.Stride(state.Network, state.Layer, -1), "stride"),
                LiveAction.TogglePadding => Network(state, NetworkEdits.TogglePadding(state.Network, state.Layer), "padding"),
                LiveAction.TogglePooling => Network(state, NetworkEdits.TogglePooling(state.Network), "pooling"),
                LiveAction.NextActivation => Network(state, NetworkEdits.NextActivation(state.Network), "activation"),
                LiveAction.NextColormap => NextColormap(state),
                LiveAction.NextNormalization => NextNormalization(state),
                LiveAction.Zoom => (state with { Zoom = !state.Zoom }, state.Zoom ? "zoom off" : $"zoom on {MapName(state)}"),
                LiveAction.Overlay => (state with { Overlay = !state.Overlay }, state.Overlay ? "overlay off" : $"overlay {MapName(state)} on the input"),
                LiveAction.Stages => ToggleStages(state),
                LiveAction.Filters => ToggleFilters(state),
                LiveAction.PreviousMap => Select(state, state.SelectedMap - 1),
                LiveAction.NextMap => Select(state, state.SelectedMap + 1),
                _ => (state, ""),
            };
        }
        catch (NetworkException e)
        {
            return (state, $"kept the previous network: {e.Message}");
        }
    }

    /// <summary>The HUD lines that are always there: what the lecture's output-size formula is computing.</summary>
    public static IReadOnlyList<string> Status(LiveState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var network = state.Network;
        var shape = network.Shapes[state.Layer];
        string conv = network.Layers.Take(state.Layer + 1).Any(l => l is Engine.Layers.Conv2d)
            ? Describe(NetworkEdits.Conv(network, state.Layer))
            : "no convolution";
        // The pooling and activation of the displayed block (of the whole network when no convolution precedes it).
        var block = MapStages.Find(network, state.Layer) is { Count: > 0 } found ? found.Select(i => network.Layers[i]) : network.Layers;
        string pooling = block.OfType<Engine.Layers.Pool2d>().FirstOrDefault()?.Type ?? "no pooling";
        string activation = block.OfType<Engine.Layers.Activation>().FirstOrDefault()?.Type ?? "no activation";
        return
        [
            $"layer {state.Layer} ({network.Layers[state.Layer].Type}) out {shape}  neurons {shape.Length:N0}",
            $"{conv}  {pooling}  {activation}  {state.Colormap.Name}  {state.Normalization.Name()}",
        ];
    }

    private static string Describe((int Index, Engine.Layers.Conv2d Conv) conv) =>
        $"L{conv.Index} stride {conv.Conv.Stride.Height} padding {conv.Conv.Padding}";

    private static (LiveState, string) Network(LiveState state, Network network, string what)
    {
        var next = state with { Network = network, SelectedMap = 0 };
        next = next with { SelectedMap = Math.Min(state.SelectedMap, next.MapCount - 1) };
        return (next, $"{what}: {Status(next)[1]}");
    }

    private static (LiveState, string) Layer(LiveState state, int layer)
    {
        var next = state with { Layer = layer, SelectedMap = 0 };
        return (next, $"showing layer {layer} ({state.Network.Layers[layer].Type})");
    }

    private static (LiveState, string) Select(LiveState state, int map)
    {
        int count = state.MapCount;
        int selected = ((map % count) + count) % count;
        var next = state with { SelectedMap = selected };
        return (next, $"{MapName(next)} selected");
    }

    private static (LiveState, string) ToggleStages(LiveState state)
    {
        if (state.Stages)
        {
            return (state with { Stages = false }, "stages off");
        }

        var layers = MapStages.Find(state.Network, state.Layer);
        if (layers.Count == 0)
        {
            return (state, "no convolution at or before this layer: no stages to show");
        }

        string names = string.Join(" -> ", new MapStages(state.Network, state.Layer, state.SelectedMap).Names);
        return (state with { Stages = true }, $"stages of {MapName(state)}: {names}");
    }

    private static (LiveState, string) NextColormap(LiveState state)
    {
        var names = LiveState.Colormaps;
        int index = names.ToList().IndexOf(state.Colormap.Name);
        var next = Colormap.Parse(names[(index + 1) % names.Count]);
        return (state with { Colormap = next }, $"colormap {next.Name}");
    }

    private static (LiveState, string) NextNormalization(LiveState state)
    {
        var all = Enum.GetValues<Normalization>();
        var next = all[(Array.IndexOf(all, state.Normalization) + 1) % all.Length];
        return (state with { Normalization = next }, $"normalization {next.Name()}");
    }

    /// <summary>The selected map as the mosaic labels it: its kernel's name, or "map N" where it has none.</summary>
    private static (LiveState, string) ToggleFilters(LiveState state)
    {
        if (state.Filters)
        {
            return (state with { Filters = false }, "filters closed");
        }

        return FilterSheet.ConvolutionOf(state.Network, state.Layer) is { } conv
            ? (state with { Filters = true }, FiltersLine(state.Network, conv))
            : (state, "no filters: this network has no convolution");
    }

    /// <summary>What the filters window shows: "filters of layer 0: 64 x 3x7x7".</summary>
    public static string FiltersLine(Network network, int conv)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layer = (Engine.Layers.Conv2d)network.Layers[conv];
        int depth = network.InputShapeOf(conv).Channels / layer.Groups;
        return $"filters of layer {conv}: {layer.Filters} x {depth}x{layer.KernelSize.Height}x{layer.KernelSize.Width}";
    }

    private static string MapName(LiveState state)
    {
        var names = LayerSelection.MapNames(state.Network, state.Layer);
        return state.SelectedMap < names.Count ? names[state.SelectedMap] : $"map {state.SelectedMap}";
    }
}
