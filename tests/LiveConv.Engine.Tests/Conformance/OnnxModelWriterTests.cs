using Microsoft.ML.OnnxRuntime;

namespace LiveConv.Conformance;

/// <summary>The writer's own contract, beyond what the random cases check through <see cref="OnnxOracle"/>.</summary>
public sealed class OnnxModelWriterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_EveryLayerOrLast_DeclaresThoseOutputs(bool everyLayer)
    {
        var network = Enumerable.Range(0, 100).Select(CaseGenerator.Generate).First(c => c.Network.Layers.Count == 4).Network;

        using var session = new InferenceSession(OnnxModelWriter.Write(network, everyLayer));

        string[] expected = everyLayer ? ["layer0", "layer1", "layer2", "layer3"] : ["layer3"];
        Assert.Equal(expected, session.OutputNames);
        Assert.Equal([OnnxModelWriter.InputName], session.InputNames);
        Assert.Equal([1, network.InputShape.Channels, network.InputShape.Height, network.InputShape.Width],
            session.InputMetadata[OnnxModelWriter.InputName].Dimensions);
    }
}
