using System.Globalization;
using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>
/// One generated network and input. <see cref="Rejected"/> counts the drafts the <see cref="Network"/> constructor
/// refused (NetworkException) before this one was accepted, all drawn from the same seed.
/// </summary>
public sealed record ConformanceCase(int Seed, Network Network, Tensor Input, int Rejected)
{
    /// <summary>Enough to read the case (conv kernels listed as 2 or 3 for 2D or 3D, in filter order) and to reproduce it with <c>CaseGenerator.Generate(seed)</c>.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"seed {Seed} (CaseGenerator.Generate({Seed})): input {Network.InputShape}" };
        for (int i = 0; i < Network.Layers.Count; i++)
        {
            var layer = Network.Layers[i];
            string extra = layer is Conv2d conv
                ? ", kernels " + string.Concat(conv.Kernels.Select(k => k.Depth is null ? "2" : "3"))
                : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  [{i}] {layer.Describe()}{extra} -> {Network.Shapes[i]}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    public override string ToString() => $"seed {Seed}";
}
