using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Conformance;

/// <summary>
/// Turns a LiveConv <see cref="Network"/> into an ONNX model (opset 19, the first with Pad mode "wrap") so that
/// ONNX Runtime can run it as an independent oracle. Self-contained (Google.Protobuf only) so a benchmark project
/// can link this file together with <see cref="ProtoMessage"/>.
/// </summary>
public static class OnnxModelWriter
{
    public const int OpsetVersion = 19;

    /// <summary>IR version 9 goes with opset 19.</summary>
    public const long IrVersion = 9;

    public const string InputName = "input";

    // onnx.proto field numbers, only those written here.
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelGraph = 7, ModelOpsetImport = 8;
    private const int OpsetVersionField = 2;
    private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttrName = 1, AttrF = 2, AttrI = 3, AttrS = 4, AttrInts = 8, AttrType = 20;
    private const int AttrTypeFloat = 1, AttrTypeInt = 2, AttrTypeString = 3, AttrTypeInts = 7;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorInt64Data = 7;
    private const int DataTypeFloat = 1, DataTypeInt64 = 7;
    private const int ValueInfoName = 1, ValueInfoType = 2;
    private const int TypeTensorType = 1, TensorTypeElemType = 1, TensorTypeShape = 2;
    private const int ShapeDim = 1, DimValue = 1;

    /// <summary>The graph output holding layer <paramref name="index"/>'s result, shape [1, C, H, W].</summary>
    public static string OutputName(int index) => $"layer{index}";

    /// <summary>
    /// The serialized ModelProto. With <paramref name="everyLayer"/> each layer's result is a graph output
    /// (named by <see cref="OutputName"/>), otherwise only the last layer's.
    /// </summary>
    public static byte[] Write(Network network, bool everyLayer = true)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layers.Count == 0)
        {
            throw new ArgumentException("An ONNX graph needs at least one layer.", nameof(network));
        }

        var graph = new ProtoMessage().String(GraphName, "liveconv");
        graph.Message(GraphInput, ValueInfo(InputName, network.InputShape));
        string x = InputName;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            string y = OutputName(i);
            AddLayer(graph, network.Layers[i], network.InputShapeOf(i), i, x, y);
            if (everyLayer || i == network.Layers.Count - 1)
            {
                graph.Message(GraphOutput, ValueInfo(y, network.Shapes[i]));
            }

            x = y;
        }

        return new ProtoMessage()
            .Int64(ModelIrVersion, IrVersion)
            .String(ModelProducerName, "LiveConv")
            .Message(ModelGraph, graph)
            .Message(ModelOpsetImport, new ProtoMessage().Int64(OpsetVersionField, OpsetVersion))
            .ToByteArray();
    }

    private static void AddLayer(ProtoMessage graph, Layer layer, Shape3 input, int index, string x, string y)
    {
        switch (layer)
        {
            case Conv2d conv:
                AddConv(graph, conv, input.Channels / conv.Groups, index, x, y);
                break;
            case Activation act:
                var node = Node(act.Kind switch
                {
                    ActivationKind.Relu => "Relu",
                    ActivationKind.LeakyRelu => "LeakyRelu",
                    ActivationKind.Abs => "Abs",
                    _ => "Identity",
                }, $"act{index}", [x], [y]);
                if (act.Kind == ActivationKind.LeakyRelu)
                {
                    node.Message(NodeAttribute, FloatAttribute("alpha", act.Slope));
                }

                graph.Message(GraphNode, node);
                break;
            case Pool2d pool:
                AddPool(graph, pool, index, x, y);
                break;
            default:
                throw new NotSupportedException($"No ONNX mapping for layer type '{layer.Type}'.");
        }
    }

    /// <param name="depth">Input channels per group: a 2D kernel fits any depth, so the layer alone does not say.</param>
    private static void AddConv(ProtoMessage graph, Conv2d conv, int depth, int index, string x, string y)
    {
        // The borders are worked out here from the layer's settings, not taken from Conv2d.Borders, so that a
        // mistake there shows up as a difference. Zero "same" padding is left to ONNX's SAME_UPPER, which, like
        // PyTorch, puts the odd extra row or column at the bottom or right; ORT refuses SAME_UPPER with dilation.
        var (top, bottom, left, right) = PyTorchBorders(conv);
        var convPadding = IntsAttribute("pads", [top, left, bottom, right]);
        string convInput = x;
        if (conv.PaddingMode != PaddingMode.Zeros)
        {
            // Conv pads only with zeros; other modes become an explicit Pad node before a Conv without padding.
            string padsName = $"conv{index}_pads";
            graph.Message(GraphInitializer, Int64Tensor(padsName, [0, 0, top, left, 0, 0, bottom, right]));
            convInput = $"conv{index}_padded";
            string mode = conv.PaddingMode switch
            {
                PaddingMode.Reflect => "reflect",
                PaddingMode.Replicate => "edge",
                _ => "wrap",
            };
            graph.Message(GraphNode, Node("Pad", $"pad{index}", [x, padsName], [convInput])
                .Message(NodeAttribute, StringAttribute("mode", mode)));
            convPadding = IntsAttribute("pads", [0, 0, 0, 0]);
        }
        else if (conv.Padding.Kind == Padding.PaddingKind.Same && conv.Dilation == Size2.Square(1))
        {
            convPadding = StringAttribute("auto_pad", "SAME_UPPER");
        }

        // Weights [K][C/groups][kh][kw]; a 2D kernel is the same slice for every channel of its group.
        int k = conv.Filters, kh = conv.KernelSize.Height, kw = conv.KernelSize.Width;
        var weights = new float[k * depth * kh * kw];
        var bias = new float[k];
        for (int f = 0; f < k; f++)
        {
            var kernel = conv.Kernels[f];
            bias[f] = kernel.Bias;
            for (int c = 0; c < depth; c++)
            {
                for (int m = 0; m < kh; m++)
                {
                    for (int n = 0; n < kw; n++)
                    {
                        int source = ((((kernel.Depth is null ? 0 : c) * kh) + m) * kw) + n;
                        weights[(((((f * depth) + c) * kh) + m) * kw) + n] = kernel.Weights[source];
                    }
                }
            }
        }

        string wName = $"conv{index}_w", bName = $"conv{index}_b";
        graph.Message(GraphInitializer, FloatTensor(wName, [k, depth, kh, kw], weights));
        graph.Message(GraphInitializer, FloatTensor(bName, [k], bias));
        graph.Message(GraphNode, Node("Conv", $"conv{index}", [convInput, wName, bName], [y])
            .Message(NodeAttribute, IntsAttribute("kernel_shape", [kh, kw]))
            .Message(NodeAttribute, IntsAttribute("strides", [conv.Stride.Height, conv.Stride.Width]))
            .Message(NodeAttribute, IntsAttribute("dilations", [conv.Dilation.Height, conv.Dilation.Width]))
            .Message(NodeAttribute, convPadding)
            .Message(NodeAttribute, IntAttribute("group", conv.Groups)));
    }

    /// <summary>PyTorch's rule: "same" pads d·(k−1) in total, the smaller half first.</summary>
    private static (long Top, long Bottom, long Left, long Right) PyTorchBorders(Conv2d conv)
    {
        switch (conv.Padding.Kind)
        {
            case Padding.PaddingKind.Valid:
                return (0, 0, 0, 0);
            case Padding.PaddingKind.Same:
                long totalH = conv.Dilation.Height * (conv.KernelSize.Height - 1L);
                long totalW = conv.Dilation.Width * (conv.KernelSize.Width - 1L);
                return (totalH / 2, totalH - (totalH / 2), totalW / 2, totalW - (totalW / 2));
            default:
                var a = conv.Padding.Amount;
                return (a.Height, a.Height, a.Width, a.Width);
        }
    }

    private static void AddPool(ProtoMessage graph, Pool2d pool, int index, string x, string y)
    {
        var node = Node(pool is MaxPool2d ? "MaxPool" : "AveragePool", $"pool{index}", [x], [y])
            .Message(NodeAttribute, IntsAttribute("kernel_shape", [pool.KernelSize.Height, pool.KernelSize.Width]))
            .Message(NodeAttribute, IntsAttribute("strides", [pool.Stride.Height, pool.Stride.Width]))
            .Message(NodeAttribute, IntsAttribute("pads", [pool.Padding.Height, pool.Padding.Width, pool.Padding.Height, pool.Padding.Width]))
            .Message(NodeAttribute, IntAttribute("ceil_mode", pool.CeilMode ? 1 : 0));
        if (pool is AvgPool2d avg)
        {
            node.Message(NodeAttribute, IntAttribute("count_include_pad", avg.CountIncludePad ? 1 : 0));
        }

        graph.Message(GraphNode, node);
    }

    private static ProtoMessage Node(string opType, string name, string[] inputs, string[] outputs)
    {
        var node = new ProtoMessage();
        foreach (string input in inputs)
        {
            node.String(NodeInput, input);
        }

        foreach (string output in outputs)
        {
            node.String(NodeOutput, output);
        }

        return node.String(NodeName, name).String(NodeOpType, opType);
    }

    private static ProtoMessage IntAttribute(string name, long value) =>
        new ProtoMessage().String(AttrName, name).Int64(AttrI, value).Int32(AttrType, AttrTypeInt);

    private static ProtoMessage IntsAttribute(string name, long[] values) =>
        new ProtoMessage().String(AttrName, name).PackedInt64(AttrInts, values).Int32(AttrType, AttrTypeInts);

    private static ProtoMessage FloatAttribute(string name, float value) =>
        new ProtoMessage().String(AttrName, name).Float(AttrF, value).Int32(AttrType, AttrTypeFloat);

    private static ProtoMessage StringAttribute(string name, string value) =>
        new ProtoMessage().String(AttrName, name).String(AttrS, value).Int32(AttrType, AttrTypeString);

    private static ProtoMessage FloatTensor(string name, long[] dims, float[] data) =>
        new ProtoMessage().PackedInt64(TensorDims, dims).Int32(TensorDataType, DataTypeFloat)
            .PackedFloat(TensorFloatData, data).String(TensorName, name);

    private static ProtoMessage Int64Tensor(string name, long[] data) =>
        new ProtoMessage().PackedInt64(TensorDims, [data.Length]).Int32(TensorDataType, DataTypeInt64)
            .PackedInt64(TensorInt64Data, data).String(TensorName, name);

    private static ProtoMessage ValueInfo(string name, Shape3 shape)
    {
        var dims = new ProtoMessage();
        foreach (long d in new long[] { 1, shape.Channels, shape.Height, shape.Width })
        {
            dims.Message(ShapeDim, new ProtoMessage().Int64(DimValue, d));
        }

        var tensorType = new ProtoMessage().Int32(TensorTypeElemType, DataTypeFloat).Message(TensorTypeShape, dims);
        return new ProtoMessage().String(ValueInfoName, name)
            .Message(ValueInfoType, new ProtoMessage().Message(TypeTensorType, tensorType));
    }
}
