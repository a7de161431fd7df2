using System.Globalization;
using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Engine.Fast;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using Spectre.Console;

namespace LiveConv.App.Running;

/// <summary>
/// <c>--source FILE.npy</c>: one float32 tensor run once through the network as it is (no scale, no color conversion,
/// no mean/std), outside the frame pipeline, which carries 8-bit frames; <c>--dump</c> writes the chosen layer's
/// output as frame_000000.npy, so an imported network can be compared with another engine's output to float rounding.
/// </summary>
public static class TensorRun
{
    public static bool IsTensor(string? source) => source is not null && source.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    /// <returns>The exit code.</returns>
    public static int Execute(RunSettings settings, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        string path = settings.Source!;
        foreach (var (option, given) in new (string, bool)[] { ("--output", settings.Output is not null), ("--snapshot-dir", settings.SnapshotDirectory is not null) })
        {
            if (given)
            {
                throw new UsageException($"{option}: a tensor source gives no picture; use --dump DIR for the maps");
            }
        }

        Tensor input;
        try
        {
            input = NpyReader.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new UsageException($"--source: {path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--source: cannot read {path}: {e.Message}", e);
        }

        var config = settings.Imported ?? ConfigLoader.Load(settings.ConfigPath);
        var network = Resize(config, input.Shape);
        int layer = LayerOption.Resolve(network, settings);
        var output = settings.ReferenceEngine ? ReferenceEngine.Run(network, input)[layer] : RunFast(network, input, layer);

        var values = output.Data;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {input.Shape} through layer {layer} ({network.Layers[layer].Type}): {output.Shape}, min {values.Min():G6}, max {values.Max():G6}"));
        if (settings.DumpDirectory is { } dump)
        {
            Directory.CreateDirectory(dump);
            string file = Path.Combine(dump, NpyDumpSink.FileName(0));
            NpyWriter.Save(file, output);
            console.WriteLine($"wrote {file}");
        }

        return ExitCodes.Ok;
    }

    private static Tensor RunFast(Network network, Tensor input, int layer)
    {
        using var runner = new NetworkRunner(network);
        runner.Run(input.Data);
        return runner.Output(layer);
    }

    private static Network Resize(LiveConvConfig config, Shape3 shape)
    {
        if (shape.Channels != config.Network.InputShape.Channels)
        {
            throw new UsageException($"--source: the tensor has {shape.Channels} channels; {config.Name} takes {config.Network.InputShape.Channels}");
        }

        try
        {
            return config.Network.WithInputSize(shape.Width, shape.Height);
        }
        catch (NetworkException e)
        {
            throw new UsageException($"--source: on a {shape} tensor, {e.Message}", e);
        }
    }
}
