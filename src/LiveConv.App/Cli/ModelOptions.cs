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
    private readonly Option<string> _color = OptionRules.Choice("--color", "The channel order the model's first layer expects: rgb (PyTorch), bgr or gray", "rgb", "bgr", "gray");
    private readonly Option<double?> _scale = OptionRules.Number("--scale", 0, double.PositiveInfinity, "0.00392156", $"What 8-bit pixels are multiplied by before the model (default {InputSpec.DefaultScale.ToString(CultureInfo.InvariantCulture)}: [0, 1])");
    private readonly Option<string?> _mean = new("--mean") { Description = "A per-channel mean subtracted after the scale, outside the graph, e.g. 0.485,0.456,0.406 (in --color's order)" };
    private readonly Option<string?> _std = new("--std") { Description = "A per-channel divisor after the mean, e.g. 0.229,0.224,0.225" };

    /// <summary>The model to import on the fly (run, summary, filters); import takes it as its argument instead.</summary>
    private readonly Option<string?> _model = new("--model") { Description = "An ONNX model to import on the fly instead of --config (see liveconv import; its --through, --color, --scale, --mean, --std apply)" };

    private IEnumerable<Option> InputOptions => [_through, _color, _scale, _mean, _std];

    /// <summary>Adds the model's input options, and <c>--model</c> itself where the command imports on the fly.</summary>
    public void AddTo(Command command, bool onTheFly)
    {
        foreach (var option in onTheFly ? [_model, .. InputOptions] : InputOptions)
        {
            command.Add(option);
        }
    }

    public ImportedModel Import(ParseResult parse, string model)
    {
        var color = parse.GetValue(_color) switch
        {
            "bgr" => PixelFormat.Bgr,
            "gray" => PixelFormat.Gray,
            _ => PixelFormat.Rgb,
        };
        var options = new OnnxInputOptions
        {
            Color = color,
            Scale = (float?)parse.GetValue(_scale) ?? InputSpec.DefaultScale,
            Mean = PerChannel(parse.GetValue(_mean), "--mean", color),
            Std = PerChannel(parse.GetValue(_std), "--std", color),
        };
        return OnnxImporter.Import(model, parse.GetValue(_through), options);
    }

    /// <summary>The import <c>--model</c> asks for, or null without it; --config and --model exclude each other.</summary>
    public ImportedModel? ImportOrNull(ParseResult parse, Option<string?> config)
    {
        if (parse.GetValue(_model) is not { } path)
        {
            foreach (var option in InputOptions.Where(o => parse.GetResult(o) is { Implicit: false }))
            {
                throw new UsageException($"{option.Name} is for an ONNX model: add --model MODEL.onnx");
            }

            return null;
        }

        return parse.GetValue(config) is null
            ? Import(parse, path)
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
