namespace LiveConv.Engine.Layers;

/// <summary>What a layer holds and does per frame: the lecture's weights, biases and neurons, plus MACs.</summary>
public readonly record struct LayerCost(long Weights, long Biases, long Neurons, long MultiplyAccumulates)
{
    public long Parameters => Weights + Biases;
}
