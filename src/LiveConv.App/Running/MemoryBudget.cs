using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Engine.Layers;

namespace LiveConv.App.Running;

/// <summary>
/// Refuses, before any frame, a network whose engines would not fit in memory: each engine worker holds up to
/// <see cref="Network.BytesPerFrame"/>, and .NET says what the process may use
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the machine's memory or the container's limit). Without this
/// a too-large layer ends in an overflow or the OOM killer's SIGKILL mid-run. The engines get half of it: the frames in
/// flight carry their maps too, and the decoder, the renderer and the rest of the machine need the other half (a
/// 389 KB PNG of 20000x20000 pixels through the edges config needs 17.6 GB per frame: on a 24 GiB machine it once
/// ran at 16.9 GB of RSS for a minute; now it is refused).
/// </summary>
public static class MemoryBudget
{
    /// <summary>What this process may use, as the GC sees it.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The share of <see cref="Available"/> the engines may take.</summary>
    public const double EngineShare = 0.5;

    /// <exception cref="ConfigException">The network needs more than <paramref name="available"/> bytes; the message has the figures.</exception>
    public static void Check(string configPath, Network network, int workers, long available)
    {
        ArgumentNullException.ThrowIfNull(network);
        long perFrame = network.BytesPerFrame;
        long need = perFrame * workers;
        if (need <= available * EngineShare)
        {
            return;
        }

        int largest = network.LargestLayer;
        var input = network.Input;
        string culprit = largest < 0
            ? $"input: {input.Width}x{input.Height} frames"
            : network.Layers[largest] is Conv2d conv
                ? $"layers[{largest}]: {conv.Filters} filters on {input.Width}x{input.Height}"
                : $"layers[{largest}]: {network.Layers[largest].Type} output {network.Shapes[largest]} on {input.Width}x{input.Height}";
        string engines = workers == 1 ? "" : $", {Network.FormatBytes(need)} for {workers} engine workers";
        throw new ConfigException(
            $"{configPath}: {culprit} need {Network.FormatBytes(perFrame)} per frame{engines}; the engines may use half of the {Network.FormatBytes(available)} this machine has: "
            + "use fewer filters, smaller frames (--size) or fewer --workers");
    }
}
