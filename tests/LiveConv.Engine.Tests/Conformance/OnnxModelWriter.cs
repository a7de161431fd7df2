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
    /// <param name="normalizeInput">Starts the graph with the input's Sub(mean) and Div(std), so the graph's input is the scaled frame.</param>
    public static byte[] Write(Network network, bool everyLayer = true, bool normalizeInput = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layers.Count == 0)
        {
            throw new ArgumentException("An ONNX graph needs at least one layer.", nameof(network));
        }

        var graph = new ProtoMessage().String(GraphName, "liveconv");
        graph.Message(GraphInput, ValueInfo(InputName, network.InputShape));
        string x = normalizeInput ? AddNormalization(graph, network.Input) : InputName;
        string networkInput = x;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            string y = OutputName(i);
            if (network.Layers[i] is ResidualAdd add)
            {
                graph.Message(GraphNode, Node("Add", $"add{i}", [x, add.From == ResidualAdd.NetworkInput ? networkInput : OutputName(add.From)], [y]));
            }
            else
            {
                AddLayer(graph, network.Layers[i], network.InputShapeOf(i), i, x, y);
            }

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

    /// <summary>(x − mean) / std with [1, C, 1, 1] constants, as PyTorch exports carry a torchvision Normalize.</summary>
    private static string AddNormalization(ProtoMessage graph, InputSpec spec)
    {
        int channels = spec.Color.Channels();
        long[] dims = [1, channels, 1, 1];
        graph.Message(GraphInitializer, FloatTensor("input_mean", dims, spec.Mean?.ToArray() ?? new float[channels]));
        graph.Message(GraphInitializer, FloatTensor("input_std", dims, spec.Std?.ToArray() ?? Enumerable.Repeat(1f, channels).ToArray()));
        graph.Message(GraphNode, Node("Sub", "input_sub", [InputName, "input_mean"], ["input_centred"]));
        graph.Message(GraphNode, Node("Div", "input_div", ["input_centred", "input_std"], ["input_normalized"]));
        return "input_normalized";
    }

    private static void AddLayer(ProtoMessage graph, Layer layer, Shape3 input, int index, string x, string y)
    {
        switch (layer)
        {
            case Activation { Kind: ActivationKind.Clip } clip:
                // Clip's bounds are inputs since opset 11, scalar tensors.
                graph.Message(GraphInitializer, FloatTensor($"clip{index}_min", [], [clip.Min]));
                graph.Message(GraphInitializer, FloatTensor($"clip{index}_max", [], [clip.Max]));
                graph.Message(GraphNode, Node("Clip", $"clip{index}", [x, $"clip{index}_min", $"clip{index}_max"], [y]));
                break;
            case ScaleShift affine:
                AddScaleShift(graph, affine, index, x, y);
                break;
            case Pad2d pad:
                var b = pad.Borders;
                graph.Message(GraphInitializer, Int64Tensor($"pad{index}_pads", [0, 0, b.Top, b.Left, 0, 0, b.Bottom, b.Right]));
                graph.Message(GraphInitializer, FloatTensor($"pad{index}_value", [], [pad.Value]));
                graph.Message(GraphNode, Node("Pad", $"pad{index}", [x, $"pad{index}_pads", $"pad{index}_value"], [y])
                    .Message(NodeAttribute, StringAttribute("mode", pad.Mode.ToString().ToLowerInvariant())));
                break;
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

    /// <summary>
    /// Even layers as Mul and Add by [1, C, 1, 1] constants, odd ones as a BatchNormalization (mean 0, variance
    /// 1 − ε, so its divisor is 1 to float rounding), the two forms an exported model carries.
    /// </summary>
    private static void AddScaleShift(ProtoMessage graph, ScaleShift affine, int index, string x, string y)
    {
        float[] scale = [.. affine.Scale], shift = [.. affine.Shift];
        if (index % 2 == 0)
        {
            long[] dims = [1, affine.Channels, 1, 1];
            graph.Message(GraphInitializer, FloatTensor($"mul{index}_scale", dims, scale));
            graph.Message(GraphInitializer, FloatTensor($"add{index}_shift", dims, shift));
            graph.Message(GraphNode, Node("Mul", $"mul{index}", [x, $"mul{index}_scale"], [$"mul{index}_out"]));
            graph.Message(GraphNode, Node("Add", $"add{index}", [$"mul{index}_out", $"add{index}_shift"], [y]));
            return;
        }

        const float epsilon = 1e-5f;
        long[] perChannel = [affine.Channels];
        graph.Message(GraphInitializer, FloatTensor($"bn{index}_scale", perChannel, scale));
        graph.Message(GraphInitializer, FloatTensor($"bn{index}_bias", perChannel, shift));
        graph.Message(GraphInitializer, FloatTensor($"bn{index}_mean", perChannel, new float[affine.Channels]));
        graph.Message(GraphInitializer, FloatTensor($"bn{index}_var", perChannel, Enumerable.Repeat(1f - epsilon, affine.Channels).ToArray()));
        graph.Message(GraphNode, Node("BatchNormalization", $"bn{index}",
                [x, $"bn{index}_scale", $"bn{index}_bias", $"bn{index}_mean", $"bn{index}_var"], [y])
            .Message(NodeAttribute, FloatAttribute("epsilon", epsilon)));
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
                var a = conv.Padding.Sides;
                return (a.Top, a.Bottom, a.Left, a.Right);
        }
    }

    private static void AddPool(ProtoMessage graph, Pool2d pool, int index, string x, string y)
    {
        var node = Node(pool is MaxPool2d ? "MaxPool" : "AveragePool", $"pool{index}", [x], [y])
            .Message(NodeAttribute, IntsAttribute("kernel_shape", [pool.KernelSize.Height, pool.KernelSize.Width]))
            .Message(NodeAttribute, IntsAttribute("strides", [pool.Stride.Height, pool.Stride.Width]))
            .Message(NodeAttribute, IntsAttribute("pads", [pool.Padding.Top, pool.Padding.Left, pool.Padding.Bottom, pool.Padding.Right]))
            .Message(NodeAttribute, IntAttribute("ceil_mode", pool.CeilMode ? 1 : 0));
        if (pool is MaxPool2d)
        {
            node.Message(NodeAttribute, IntsAttribute("dilations", [pool.Dilation.Height, pool.Dilation.Width]));
        }

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
