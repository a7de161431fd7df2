using System.Globalization;
using System.Text;
using LiveConv.Engine.Reference;

namespace LiveConv.App.Live;

/// <summary>
/// The lines that show one neuron's computation beside the mosaic: per input channel the window X̃, the kernel W
/// and the products X̃·W (rows separated by |), then z = Σ + b and a = σ(z), the lecture's formula with today's numbers.
/// </summary>
public static class NeuronPanel
{
    public static IReadOnlyList<string> Lines(NeuronExplanation neuron, string mapName)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(inv, $"neuron L{neuron.Layer} {mapName} at row {neuron.Row}, col {neuron.Column}: input rows {neuron.Top}..{neuron.Top + neuron.Height - 1}, cols {neuron.Left}..{neuron.Left + neuron.Width - 1}"),
        };
        for (int c = 0; c < neuron.Inputs.GetLength(0); c++)
        {
            lines.Add($"c{c} X  {Matrix(neuron.Inputs, c)}");
            lines.Add($"c{c} W  {Matrix(neuron.Weights, c)}");
            lines.Add($"c{c} XW {Matrix(neuron.Products, c)}");
        }

        string activation = neuron.Activation is { } a ? $"{a.Type}(z) = {neuron.A.ToString("G4", inv)}" : "no activation";
        lines.Add(string.Create(inv, $"z = sum {neuron.Sum:G4} + bias {neuron.Bias:G4} = {neuron.Z:G4}   {activation}"));
        return lines;
    }

    private static string Matrix(float[,,] values, int channel)
    {
        var text = new StringBuilder();
        for (int m = 0; m < values.GetLength(1); m++)
        {
            if (m > 0)
            {
                text.Append(" | ");
            }

            for (int n = 0; n < values.GetLength(2); n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{values[channel, m, n],6:F2}");
            }
        }

        return text.ToString();
    }
}
