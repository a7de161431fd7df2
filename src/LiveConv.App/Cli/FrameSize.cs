using System.CommandLine;
using System.Globalization;
using LiveConv.App.Configuration;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Cli;

/// <summary>
/// A frame size from the command line: WIDTHxHEIGHT, or WIDTHxHEIGHTxCHANNELS where the option takes channels.
/// The one parser of sizes (run's --size, summary's --input), so both take the same forms and limits.
/// </summary>
public readonly record struct FrameSize(int Width, int Height, int? Channels)
{
    /// <exception cref="UsageException">Not a size; the message names <paramref name="option"/> and the form.</exception>
    public static FrameSize Parse(string option, string text, bool channels)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('x', 'X');
        var values = new int[parts.Length];
        bool ok = parts.Length == 2 || (channels && parts.Length == 3);
        for (int i = 0; ok && i < parts.Length; i++)
        {
            ok = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i])
                && values[i] > 0 && values[i] <= ConfigNode.MaxDimension;
        }

        if (!ok)
        {
            string form = channels ? "WIDTHxHEIGHT or WIDTHxHEIGHTxCHANNELS, e.g. 1280x720x3" : "WIDTHxHEIGHT, e.g. 1280x720";
            throw new UsageException($"{option}: expected {form}, with sides from 1 to {ConfigNode.MaxDimension}, got \"{text}\"");
        }

        if (parts.Length == 3 && values[2] is not (1 or 3))
        {
            throw new UsageException($"{option}: channels must be 1 (gray) or 3 (color), got {values[2]}");
        }

        return new FrameSize(values[0], values[1], parts.Length == 3 ? values[2] : null);
    }

    /// <summary>An option whose value is parsed here, so a bad size is a parse error like any other.</summary>
    public static Option<FrameSize?> Option(string name, string description, bool channels) =>
        OptionRules.Parsed<FrameSize?>(name, description, text => Parse(name, text, channels));

    /// <summary>The config's input at this size. Channels switch gray and color; a color config keeps its order.</summary>
    public InputSpec ApplyTo(InputSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var color = Channels switch
        {
            1 => PixelFormat.Gray,
            3 when spec.Color == PixelFormat.Gray => PixelFormat.Bgr,
            _ => spec.Color,
        };
        return spec with { Width = Width, Height = Height, Color = color };
    }
}
