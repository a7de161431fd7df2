using LiveConv.App.Cli;
using LiveConv.Engine;
using LiveConv.Pipeline.Engine;

namespace LiveConv.App.Running;

/// <summary>
/// <c>--layer</c> and <c>--map</c> checked against the config's network: a layer's index and its maps' names do not
/// depend on the frame size, so a run checks them before it opens a window, a camera or a file.
/// </summary>
internal static class LayerOption
{
    /// <returns>The layer to show and dump.</returns>
    /// <exception cref="UsageException">No such layer, or no such map in it.</exception>
    public static int Resolve(Network network, RunSettings settings)
    {
        int layer;
        try
        {
            layer = LayerSelection.Resolve(network, settings.Layer);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--layer: {e.Message}", e);
        }

        var names = LayerSelection.MapNames(network, layer);
        if (settings.Mosaic.Map is { } map && !names.Contains(map))
        {
            throw new UsageException($"--map: layer {layer} has no map named '{map}'; it has {string.Join(", ", names)}");
        }

        return layer;
    }
}
