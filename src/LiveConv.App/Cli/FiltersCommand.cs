using System.CommandLine;
using LiveConv.App.Configuration;
using LiveConv.Engine.Layers;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Cli;

/// <summary>
/// <c>liveconv filters (--config C | --model M) [--layer N] -o filters.png</c>: a convolution's kernels as a picture
/// (<see cref="FilterSheet"/>): a first layer's K×K×3 filters as small color images, deeper ones one tile per input
/// channel in the signed colormap.
/// </summary>
public static class FiltersCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "The network config (JSON) or a shipped config's name" };
        var layer = OptionRules.Count("--layer", 0, "The convolution to draw, 0-based (default: the first conv2d)");
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write", Required = true };
        var modelOptions = new ModelOptions();
        var command = new Command("filters", "Draw a convolution's learned kernels as a PNG") { config, layer, output };
        modelOptions.AddTo(command, onTheFly: true);

        command.SetAction(parse =>
        {
            var loaded = modelOptions.ImportOrNull(parse, config)?.Config
                ?? ConfigLoader.Load(parse.GetValue(config) is { } c ? ConfigPath.Resolve(c) : throw new UsageException("give --config CONFIG or --model MODEL.onnx"));
            var network = loaded.Network;
            var convs = network.Layers.Select((l, i) => (l, i)).Where(p => p.l is Conv2d).Select(p => p.i).ToArray();
            int index = parse.GetValue(layer) ?? (convs.Length > 0 ? convs[0] : -1);
            if (!convs.Contains(index))
            {
                throw new UsageException($"--layer: {(index < 0 ? $"{loaded.Name} has no conv2d layer" : $"layer {index} is not a conv2d")}; its conv2d layers are {string.Join(", ", convs)}");
            }

            var conv = (Conv2d)network.Layers[index];
            var input = network.InputShapeOf(index);
            string path = parse.GetValue(output)!;
            (int Width, int Height) size;
            try
            {
                size = FilterSheet.Save(path, network, index);
            }
            catch (IOException e)
            {
                throw new UsageException($"-o: cannot write {path}: {e.Message}", e);
            }

            Console.WriteLine($"wrote {path}: layer {index}, {conv.Filters} filters of {conv.KernelSize.Height}x{conv.KernelSize.Width}x{input.Channels / conv.Groups}, {size.Width}x{size.Height}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
