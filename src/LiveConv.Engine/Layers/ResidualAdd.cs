using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Layers;

/// <summary>
/// A residual connection: y = x + the output of layer <see cref="From"/> (−1: the network's input), which must have
/// x's shape. The network checks that (<see cref="Network"/>): a layer alone cannot see the earlier output.
/// </summary>
public sealed class ResidualAdd : Layer
{
    /// <summary>The value of <see cref="From"/> that names the network's input.</summary>
    public const int NetworkInput = -1;

    public ResidualAdd(int from)
    {
        if (from < NetworkInput)
        {
            throw new ShapeException($"an add takes an earlier layer's index or -1 for the input, got {from}");
        }

        From = from;
    }

    public override string Type => "add";

    public int From { get; }

    public override Shape3 OutputShape(Shape3 input) => input;

    /// <summary>One addition per value, counted with the multiply-accumulates.</summary>
    public override LayerCost Cost(Shape3 input, Shape3 output) => new(0, 0, 0, output.LongLength);

    public override string Describe() => From == NetworkInput ? "add the input" : $"add layer {From}";
}
