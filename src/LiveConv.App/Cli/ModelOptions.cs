using System.CommandLine;
using System.Globalization;
using LiveConv.App.Onnx;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Cli;

/// <summary>
/// The options that name an ONNX model and what its file cannot say about the input, shared by <c>import</c>
/// (the model as an argument) and by <c>run</c> and <c>summary</c> (<c>--model</c>, imported on the fly).
/// </summary>
internal sealed class ModelOptions
{
    private readonly Option<string?> _through = new("--through") { Description = "The last node to import: its name, its output's name or its index (default: as far as the model imports)" };
    private readonly Option<string> _color = new("--color") { Description = "The channel order the model's first layer expects: rgb (PyTorch), bgr or gray", DefaultValueFactory = _ => "rgb" };
    private readonly Option<float?> _scale = new("--scale") { Description = $"What 8-bit pixels are multiplied by before the model (default {InputSpec.DefaultScale.ToString(CultureInfo.InvariantCulture)}: [0, 1])" };
    private readonly Option<string?> _mean = new("--mean") { Description = "A per-channel mean subtracted after the scale, outside the graph, e.g. 0.485,0.456,0.406 (in --color's order)" };
    private readonly Option<string?> _std = new("--std") { Description = "A per-channel divisor after the mean, e.g. 0.229,0.224,0.225" };

    public IEnumerable<Option> All => [_through, _color, _scale, _mean, _std];

    public ImportedModel Import(ParseResult parse, string model)
    {
        var color = parse.GetValue(_color) switch
        {
            "rgb" => PixelFormat.Rgb,
            "bgr" => PixelFormat.Bgr,
            "gray" => PixelFormat.Gray,
            var other => throw new UsageException($"--color: expected rgb, bgr or gray, got \"{other}\""),
        };
        float scale = parse.GetValue(_scale) ?? InputSpec.DefaultScale;
        if (!(scale > 0 && float.IsFinite(scale)))
        {
            throw new UsageException($"--scale: expected a positive number, got {scale.ToString(CultureInfo.InvariantCulture)}");
        }

        var options = new OnnxInputOptions
        {
            Color = color,
            Scale = scale,
            Mean = PerChannel(parse.GetValue(_mean), "--mean", color),
            Std = PerChannel(parse.GetValue(_std), "--std", color),
        };
        return OnnxImporter.Import(model, parse.GetValue(_through), options);
    }

    /// <summary>The import <paramref name="model"/> asks for, or null without it; --config and --model exclude each other.</summary>
    public static ImportedModel? ImportOrNull(ParseResult parse, Option<string?> model, Option<string?> config, ModelOptions options)
    {
        if (parse.GetValue(model) is not { } path)
        {
            foreach (var option in options.All.Where(o => parse.GetResult(o) is { Implicit: false }))
            {
                throw new UsageException($"{option.Name} is for an ONNX model: add --model MODEL.onnx");
            }

            return null;
        }

        return parse.GetValue(config) is null
            ? options.Import(parse, path)
            : throw new UsageException("--config and --model both name the network: give one");
    }

    private static float[]? PerChannel(string? text, string option, PixelFormat color)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',');
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i])
                || (option == "--std" && values[i] == 0))
            {
                throw new UsageException($"{option}: expected {color.Channels()} comma-separated numbers{(option == "--std" ? " other than 0" : "")}, got \"{text}\"");
            }
        }

        return values.Length == color.Channels()
            ? values
            : throw new UsageException($"{option}: expected {color.Channels()} values (one per {color.ToString().ToLowerInvariant()} channel), got {values.Length}");
    }
}
