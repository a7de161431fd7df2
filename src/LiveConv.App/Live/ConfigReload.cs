using LiveConv.App.Configuration;
using LiveConv.Engine;

namespace LiveConv.App.Live;

/// <summary>Loads a config for the running view: the new network at the frames' size, or why not (the current one stays).</summary>
public static class ConfigReload
{
    /// <param name="what">How the HUD names the change: "config" for a digit key, "reloaded" for a save.</param>
    public static (Network? Network, string Message) Try(string path, Network current, string what)
    {
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            var config = ConfigLoader.Load(path);
            // The frames keep the source's size; the engines convert their pixels to the config's color.
            var network = config.Network.WithInputSize(current.Input.Width, current.Input.Height);
            return (network, $"{what} {config.Name}: {config.Description}");
        }
        catch (ConfigException e)
        {
            return (null, $"kept the previous config: {e.Message}");
        }
        catch (NetworkException e)
        {
            return (null, $"kept the previous config: {path} does not fit {current.Input.Width}x{current.Input.Height} frames: {e.Message}");
        }
    }
}
