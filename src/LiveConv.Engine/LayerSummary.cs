using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine;

/// <summary>One row of a network's summary table.</summary>
public sealed record LayerSummary(int Index, Layer Layer, Shape3 InputShape, Shape3 OutputShape, LayerCost Cost);
