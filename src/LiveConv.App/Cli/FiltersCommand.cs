using System.CommandLine;
using LiveConv.App.Configuration;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;

namespace LiveConv.App.Cli;

/// <summary><c>liveconv filters</c>: a convolution's kernels as pictures (<see cref="FilterSheet"/>), to an image file.</summary>
public static class FiltersCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"The network config (JSON) or a shipped config's name (default, as for run: {Path.GetFileNameWithoutExtension(RunCommand.DefaultConfig)})" };
        var layer = OptionRules.Count("--layer", 0, "The convolution to draw, by layer index (default: the first convolution)");
        var output = new Option<string>("--output", "-o") { Description = $"The image to write ({string.Join(", ", ImageFile.Extensions)})", DefaultValueFactory = _ => "filters.png" };
        var command = new Command("filters", "Draw a convolution's filters as an image: on the colour frame each KxKx3 filter in colour, deeper ones one tile per input channel in a signed colormap")
        {
            config, layer, output,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output)!;
            if (!ImageFile.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            {
                throw new UsageException($"--output: '{path}' is not an image name; end it in {string.Join(", ", ImageFile.Extensions)}");
            }

            string configPath = parse.GetValue(config) is { } c ? ConfigPath.Resolve(c) : Path.Combine(ConfigPath.Shipped, RunCommand.DefaultConfig);
            var loaded = ConfigLoader.Load(configPath);
            var network = loaded.Network;
            int index = parse.GetValue(layer) ?? (FilterSheet.ConvolutionIndices(network) is [var first, ..] ? first : 0);
            using var sheet = Draw(network, index);
            try
            {
                ImageFile.Write(sheet, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"liveconv: --output: cannot write '{path}': {e.Message}");
                return ExitCodes.RuntimeError;
            }

            Console.Out.WriteLine($"{loaded.Name}: layer {index}'s {((Engine.Layers.Conv2d)network.Layers[index]).Filters} filters -> {path} ({sheet.Width}x{sheet.Height})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static OpenCvSharp.Mat Draw(Engine.Network network, int index)
    {
        try
        {
            return FilterSheet.Draw(network, index);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--layer: {e.Message}", e);
        }
    }
}
