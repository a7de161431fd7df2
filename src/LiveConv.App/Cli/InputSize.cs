using System.Globalization;
using LiveConv.App.Configuration;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Cli;

/// <summary>The --input WIDTHxHEIGHT[xCHANNELS] override, e.g. 1280x720x3.</summary>
public readonly record struct InputSize(int Width, int Height, int? Channels)
{
    public static InputSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('x', 'X');
        var values = new int[parts.Length];
        bool ok = parts.Length is 2 or 3;
        for (int i = 0; ok && i < parts.Length; i++)
        {
            ok = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i])
                && values[i] > 0 && values[i] <= ConfigNode.MaxDimension;
        }

        if (!ok)
        {
            throw new UsageException($"--input: expected WIDTHxHEIGHT or WIDTHxHEIGHTxCHANNELS with positive numbers, e.g. 1280x720x3, got \"{text}\"");
        }

        if (parts.Length == 3 && values[2] is not (1 or 3))
        {
            throw new UsageException($"--input: channels must be 1 (gray) or 3 (color), got {values[2]}");
        }

        return new InputSize(values[0], values[1], parts.Length == 3 ? values[2] : null);
    }

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
