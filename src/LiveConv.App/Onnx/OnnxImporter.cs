using System.Globalization;
using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// Turns the leading nodes of an ONNX graph into a LiveConv <see cref="Network"/>: a chain of layers from the graph's
/// input, each node taking the previous one's output, with residual adds back to earlier outputs. Nodes are read in
/// the file's order; the import stops before the first one it cannot turn into a layer (or goes exactly through the
/// one asked for). A model file is untrusted: every check that fails names the file and the node.
/// </summary>
public sealed class OnnxImporter
{
    private readonly OnnxGraph _graph;
    private readonly TensorReader _tensors;
    private readonly OnnxInputOptions _options;
    private readonly List<Layer> _layers = [];
    private readonly List<Shape3> _shapes = [];
    private readonly List<string> _notes = [];

    /// <summary>Which layer's output each tensor is (−1: the network's input, after any normalization).</summary>
    private readonly Dictionary<string, int> _layerOf = new(StringComparer.Ordinal);

    private readonly int _channels;

    /// <summary>The options' color, or gray for a one-channel model (the only order one channel has).</summary>
    private readonly PixelFormat _color;
    private readonly Shape3 _inputShape;

    /// <summary>The input's per-channel normalization so far, as y = x·a + b.</summary>
    private readonly double[] _inputMultiplier;
    private readonly double[] _inputOffset;

    private string _current;
    private Shape3 _shape;
    private int _lastLayerNode = -1;

    private OnnxImporter(OnnxModelFile file, OnnxInputOptions options)
    {
        _graph = new OnnxGraph(file);
        _tensors = new TensorReader(file.Folder);
        _options = options;
        _inputShape = InputShape(file, _graph.Input, options.Color);
        _color = _inputShape.Channels == 1 ? PixelFormat.Gray : options.Color;
        _channels = _inputShape.Channels;
        _current = _graph.Input.Name;
        _shape = _inputShape;
        _layerOf[_current] = ResidualAdd.NetworkInput;
        _inputMultiplier = new double[_channels];
        _inputOffset = new double[_channels];
        for (int c = 0; c < _channels; c++)
        {
            double std = options.Std?[c] ?? 1, mean = options.Mean?[c] ?? 0;
            _inputMultiplier[c] = 1 / std;
            _inputOffset[c] = -mean / std;
        }
    }

    private long Opset => _graph.File.Opset;

    /// <param name="through">A node's name, one of its outputs, or its index; null: as far as the import goes.</param>
    /// <exception cref="ConfigException">The file is not a model LiveConv can read, or the node asked for does not import.</exception>
    public static ImportedModel Import(string path, string? through = null, OnnxInputOptions? options = null)
    {
        options ??= new OnnxInputOptions();
        var importer = new OnnxImporter(OnnxModelFile.Read(path), options);
        return importer.Run(through is null ? null : importer._graph.Find(through));
    }

    private ImportedModel Run(int? through)
    {
        var nodes = _graph.Nodes;
        int last = through ?? nodes.Count - 1;
        string? stop = null;
        for (int i = 0; i <= last; i++)
        {
            _graph.CheckInputs(i);
            try
            {
                Translate(i, nodes[i]);
            }
            catch (UnsupportedNodeException e)
            {
                string reason = $"{_graph.Label(i)} is not supported: {e.Message}";
                if (through is not null || _layers.Count == 0)
                {
                    string before = _lastLayerNode < 0 ? "nothing before it imports" : $"use --through {_graph.Name(_lastLayerNode)}";
                    string imported = i == 0 ? "" : $"nodes 0–{i - 1} import; ";
                    throw new ConfigException($"{_graph.File.Path}: {imported}{reason}; {before}");
                }

                stop = reason;
                last = i - 1;
                break;
            }
        }

        if (through is int asked && nodes[asked].Output[0] != _current)
        {
            throw _graph.Error(asked, $"makes no layer of the imported chain (which ends in '{_current}'); name a node that does");
        }

        int end = through ?? _lastLayerNode;
        string extent = $"nodes 0–{last} of {nodes.Count} import as {_layers.Count} layers, through {_graph.Label(end)}"
            + (stop is null ? "" : $"; {stop}");
        return new ImportedModel(Config(end), extent, _notes);
    }

    private LiveConvConfig Config(int end)
    {
        var file = _graph.File;
        var spec = new InputSpec(_color, _options.Scale, _inputShape.Width, _inputShape.Height);
        bool normalized = Enumerable.Range(0, _channels).Any(c => _inputMultiplier[c] != 1 || _inputOffset[c] != 0);
        if (normalized)
        {
            if (_inputMultiplier.Any(a => a == 0))
            {
                throw new ConfigException($"{file.Path}: the graph multiplies its input by 0");
            }

            var std = _inputMultiplier.Select(a => (float)(1 / a)).ToArray();
            var mean = Enumerable.Range(0, _channels).Select(c => (float)(-_inputOffset[c] / _inputMultiplier[c])).ToArray();
            spec = spec with { Std = std.All(v => v == 1) ? null : std, Mean = mean.All(v => v == 0) ? null : mean };
            _notes.Add($"input normalization: mean [{Join(mean)}], std [{Join(std)}] after the scale {Format(spec.Scale)}");
        }

        Network network;
        try
        {
            network = new Network(spec, _layers);
        }
        catch (NetworkException e)
        {
            throw new ConfigException($"{file.Path}: {e.Message}", e);
        }

        string name = Path.GetFileNameWithoutExtension(file.Path);
        string producer = string.Join(' ', new[] { file.Model.ProducerName, file.Model.ProducerVersion }.Where(s => s.Length > 0));
        string description = $"{Path.GetFileName(file.Path)}{(producer.Length > 0 ? $" ({producer}, opset {Opset})" : $" (opset {Opset})")} through {_graph.Label(end)}, imported by liveconv";
        return new LiveConvConfig(name, description, network, file.Path);
    }

    /// <summary>(C, H, W) of the graph's input: a float tensor (1, C, H, W); a size left symbolic takes the config default.</summary>
    private static Shape3 InputShape(OnnxModelFile file, ValueInfoProto input, PixelFormat color)
    {
        string where = $"{file.Path}: the graph input '{input.Name}'";
        var type = input.Type?.TensorType ?? throw new ConfigException($"{where} is not a tensor");
        if (type.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw new ConfigException($"{where} holds {(TensorProto.Types.DataType)type.ElemType} values; LiveConv feeds FLOAT");
        }

        var dims = type.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToArray();
        if (dims is null || dims.Length != 4 || dims[0] is not (null or 1))
        {
            string shape = dims is null ? "no shape" : $"[{string.Join(", ", dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "?"))}]";
            throw new ConfigException($"{where} has {shape}; LiveConv feeds one image, (1, C, H, W)");
        }

        int channels = dims[1] is long c ? (int)Math.Min(c, int.MaxValue) : color.Channels();
        if (channels != color.Channels() && !(channels == 1 && color != PixelFormat.Gray))
        {
            throw new ConfigException($"{where} has {dims[1]} channels; the input color {color.ToString().ToLowerInvariant()} gives {color.Channels()} (--color gray, rgb or bgr)");
        }

        int Size(long? d, int fallback, string axis) => d switch
        {
            null => fallback,
            >= 1 and <= ConfigNode.MaxDimension => (int)d,
            _ => throw new ConfigException($"{where} has a {axis} of {d}; expected 1 to {ConfigNode.MaxDimension}"),
        };

        return new Shape3(channels, Size(dims[2], InputReader.DefaultHeight, "height"), Size(dims[3], InputReader.DefaultWidth, "width"));
    }

    private void Translate(int i, NodeProto node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw new UnsupportedNodeException($"operators of the domain '{node.Domain}' are not ONNX's own");
        }

        if (node.Output.Count == 0 || node.Output[0].Length == 0)
        {
            throw _graph.Error(i, "has no output");
        }

        var attributes = new NodeAttributes(node, message => _graph.Error(i, message));
        try
        {
            switch (node.OpType)
            {
                case "Constant":
                    _graph.AddConstant(node.Output[0], ConstantValue(i, attributes));
                    break;
                case "Conv":
                    Push(i, Conv(i, node, attributes));
                    break;
                case "BatchNormalization":
                    BatchNormalization(i, node, attributes);
                    break;
                case "Relu":
                    Push(i, Elementwise(node, new Activation(ActivationKind.Relu)));
                    break;
                case "LeakyRelu":
                    Push(i, Elementwise(node, new Activation(ActivationKind.LeakyRelu, attributes.Float("alpha", 0.01f))));
                    break;
                case "Clip":
                    Push(i, Elementwise(node, Clip(i, node, attributes)));
                    break;
                case "MaxPool":
                case "AveragePool":
                    Push(i, Pool(i, node, attributes));
                    break;
                case "Pad":
                    Push(i, Pad(i, node, attributes));
                    break;
                case "Add" when Constant(node.Input, 0) is null && Constant(node.Input, 1) is null:
                    Push(i, Residual(i, node));
                    break;
                case "Add" or "Sub" or "Mul" or "Div":
                    Arithmetic(i, node, attributes);
                    break;
                case "Identity" or "Dropout":
                    PassThrough(node);
                    break;
                default:
                    throw new UnsupportedNodeException("LiveConv has no layer for this operator");
            }
        }
        catch (ShapeException e)
        {
            throw new UnsupportedNodeException(e.Message);
        }
    }

    /// <summary>The node's data input, which must be the chain's output so far.</summary>
    private void TakeChain(NodeProto node, int input = 0)
    {
        string name = node.Input.Count > input ? node.Input[input] : "";
        if (name != _current)
        {
            throw new UnsupportedNodeException(
                $"it takes '{name}', not '{_current}' (the output so far); a LiveConv network is one chain, with residual adds");
        }

        foreach (string extra in node.Output.Skip(1).Where(o => o.Length > 0 && _graph.Consumers(o) > 0))
        {
            throw new UnsupportedNodeException($"its output '{extra}' is used, and LiveConv computes only the first");
        }
    }

    private void Push(int i, Layer layer)
    {
        _shape = layer.OutputShape(_shape);
        _layers.Add(layer);
        _shapes.Add(_shape);
        _lastLayerNode = i;
        _current = _graph.Nodes[i].Output[0];
        _layerOf[_current] = _layers.Count - 1;
    }

    private TensorProto? Constant(IList<string> inputs, int index) =>
        inputs.Count > index && inputs[index].Length > 0 ? _graph.Constant(inputs[index]) : null;

    /// <summary>The float values of input <paramref name="index"/>, which must be a constant.</summary>
    private (float[] Values, TensorProto Tensor) Floats(int i, NodeProto node, int index, string role)
    {
        string name = node.Input[index];
        var tensor = _graph.Constant(name) ?? throw new UnsupportedNodeException($"its {role} '{name}' is computed, not a constant");
        return (_tensors.Floats(tensor, message => _graph.Error(i, $"{role} '{name}': {message}")), tensor);
    }

    private float[] ChannelValues(int i, NodeProto node, int index, string role, int count)
    {
        var (values, tensor) = Floats(i, node, index, role);
        if (values.Length != count || tensor.Dims.Count != 1)
        {
            throw _graph.Error(i, $"{role} '{node.Input[index]}' has dims {TensorReader.Dims(tensor)}; expected [{count}]");
        }

        return values;
    }

    private float Scalar(int i, NodeProto node, int index, string role)
    {
        var (values, tensor) = Floats(i, node, index, role);
        return values.Length == 1 ? values[0] : throw _graph.Error(i, $"{role} '{node.Input[index]}' has dims {TensorReader.Dims(tensor)}; expected one value");
    }

    private TensorProto ConstantValue(int i, NodeAttributes attributes)
    {
        if (attributes.Tensor("value") is { } tensor)
        {
            return tensor;
        }

        if (attributes.Has("value_float"))
        {
            return new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, FloatData = { attributes.Float("value_float", 0) } };
        }

        if (attributes.Floats("value_floats") is { } floats)
        {
            return new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, Dims = { floats.Length }, FloatData = { floats } };
        }

        if (attributes.Ints("value_ints") is { } ints)
        {
            return new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64, Dims = { ints.Length }, Int64Data = { ints } };
        }

        if (attributes.Has("value_int"))
        {
            return new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { attributes.Int("value_int", 0) } };
        }

        throw new UnsupportedNodeException("its value is not a tensor, a float or an integer");
    }

    private Conv2d Conv(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        if (node.Input.Count < 2)
        {
            throw _graph.Error(i, "has no weights");
        }

        var (weights, tensor) = Floats(i, node, 1, "weights");
        if (tensor.Dims.Count != 4)
        {
            throw new UnsupportedNodeException($"its weights have dims {TensorReader.Dims(tensor)}; LiveConv convolves images (4D weights)");
        }

        if (tensor.Dims.Any(d => d < 1 || d > ConfigNode.MaxDimension))
        {
            throw _graph.Error(i, $"weights '{node.Input[1]}' have dims {TensorReader.Dims(tensor)}; each must be from 1 to {ConfigNode.MaxDimension}");
        }

        int filters = (int)tensor.Dims[0], depth = (int)tensor.Dims[1], kh = (int)tensor.Dims[2], kw = (int)tensor.Dims[3];
        long group = attributes.Int("group", 1);
        if (group < 1 || group > _shape.Channels || depth * group != _shape.Channels || filters % group != 0)
        {
            throw _graph.Error(i, $"group {group} with weights {TensorReader.Dims(tensor)} does not fit an input of {_shape.Channels} channels");
        }

        var kernelShape = attributes.Ints("kernel_shape");
        if (kernelShape is not null && (kernelShape.Length != 2 || kernelShape[0] != kh || kernelShape[1] != kw))
        {
            throw _graph.Error(i, $"kernel_shape [{string.Join(", ", kernelShape)}] does not match the weights {TensorReader.Dims(tensor)}");
        }

        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? ChannelValues(i, node, 2, "bias", filters) : new float[filters];
        var window = SpatialWindow.Read(attributes, new Size2(kh, kw), _shape, hasDilations: true, message => _graph.Error(i, message));
        NoteAutoPad(i, attributes, window.Pads);
        int per = depth * kh * kw;
        var kernels = new Kernel[filters];
        for (int k = 0; k < filters; k++)
        {
            kernels[k] = NewKernel(i, KernelName(k), depth, kh, kw, weights.AsSpan(k * per, per), bias[k]);
        }

        return new Conv2d(kernels, window.Stride, Padding.Explicit(window.Pads), PaddingMode.Zeros, window.Dilation, (int)group);
    }

    private static string KernelName(int k) => $"f{k}";

    private Kernel NewKernel(int i, string name, int depth, int height, int width, ReadOnlySpan<float> weights, float bias)
    {
        try
        {
            return Kernel.Create(name, depth, height, width, weights, bias);
        }
        catch (ArgumentException e)
        {
            throw _graph.Error(i, e.Message);
        }
    }

    private void NoteAutoPad(int i, NodeAttributes attributes, Borders pads)
    {
        string mode = attributes.String("auto_pad", "NOTSET");
        if (mode is "SAME_UPPER" or "SAME_LOWER")
        {
            _notes.Add($"{_graph.Label(i)}: auto_pad {mode} on {_shape.Height}x{_shape.Width} is pads {pads}");
        }
    }

    /// <summary>
    /// y = (x − mean)·γ/√(var + ε) + β per channel. Right after a convolution whose output nothing else reads, it is
    /// folded into that convolution: w·s and (b − mean)·s + β with s = γ/√(var + ε); otherwise a scale and shift.
    /// </summary>
    private void BatchNormalization(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        if (node.Input.Count != 5)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected X, scale, B, mean and var");
        }

        if (Opset < 9 && attributes.Int("spatial", 1) != 1)
        {
            throw new UnsupportedNodeException("spatial=0 (statistics per position) has no LiveConv layer");
        }

        if (attributes.Int("training_mode", 0) != 0)
        {
            throw new UnsupportedNodeException("training_mode=1 computes batch statistics; LiveConv runs inference");
        }

        int channels = _shape.Channels;
        var gamma = ChannelValues(i, node, 1, "scale", channels);
        var beta = ChannelValues(i, node, 2, "B", channels);
        var mean = ChannelValues(i, node, 3, "mean", channels);
        var variance = ChannelValues(i, node, 4, "var", channels);
        double epsilon = attributes.Float("epsilon", 1e-5f);
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = gamma[c] / Math.Sqrt(variance[c] + epsilon);
            if (!double.IsFinite(s))
            {
                throw _graph.Error(i, $"channel {c}: var {variance[c]} + epsilon {epsilon} gives no finite scale");
            }

            scale[c] = (float)s;
            shift[c] = (float)(beta[c] - (mean[c] * s));
        }

        string input = node.Input[0];
        if (_layers.Count > 0 && _layers[^1] is Conv2d conv && _layerOf[input] == _layers.Count - 1 && _graph.Consumers(input) == 1)
        {
            var folded = conv.Kernels.Select((k, f) =>
            {
                var weights = k.Weights.ToArray();
                for (int j = 0; j < weights.Length; j++)
                {
                    weights[j] = (float)(weights[j] * (double)scale[f]);
                }

                return NewKernel(i, k.Name, k.Depth ?? 1, k.Height, k.Width, weights, (float)((k.Bias * (double)scale[f]) + shift[f]));
            }).ToArray();
            _layers[^1] = new Conv2d(folded, conv.Stride, conv.Padding, conv.PaddingMode, conv.Dilation, conv.Groups);
            _current = node.Output[0];
            _layerOf[_current] = _layers.Count - 1;
            _notes.Add($"{_graph.Label(i)} folded into the weights and bias of {_graph.Label(_lastLayerNode)}");
            _lastLayerNode = i;
            return;
        }

        Push(i, new ScaleShift(scale, shift));
    }

    private Activation Elementwise(NodeProto node, Activation layer)
    {
        TakeChain(node);
        return layer;
    }

    /// <summary>Before opset 11 the bounds are attributes, since then optional inputs; absent means unbounded.</summary>
    private Activation Clip(int i, NodeProto node, NodeAttributes attributes)
    {
        float min, max;
        if (Opset < 11)
        {
            min = attributes.Float("min", float.MinValue);
            max = attributes.Float("max", float.MaxValue);
        }
        else
        {
            min = node.Input.Count > 1 && node.Input[1].Length > 0 ? Scalar(i, node, 1, "min") : float.MinValue;
            max = node.Input.Count > 2 && node.Input[2].Length > 0 ? Scalar(i, node, 2, "max") : float.MaxValue;
        }

        // An infinite bound clips nothing on finite values; the config format holds finite numbers only.
        return Activation.Clip(Math.Clamp(min, float.MinValue, float.MaxValue), Math.Clamp(max, float.MinValue, float.MaxValue));
    }

    /// <summary>ceil_mode and MaxPool's dilations came with opset 10, count_include_pad with 7 (default 0, unlike PyTorch).</summary>
    private Pool2d Pool(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        bool max = node.OpType == "MaxPool";
        var kernelShape = attributes.Ints("kernel_shape") ?? throw _graph.Error(i, "has no kernel_shape");
        var kernel = SpatialWindow.Pair(kernelShape, "kernel_shape", 1, message => _graph.Error(i, message));
        bool dilations = max ? Opset >= 10 : Opset >= 19;
        var window = SpatialWindow.Read(attributes, kernel, _shape, dilations, message => _graph.Error(i, message));
        NoteAutoPad(i, attributes, window.Pads);
        bool ceil = Opset >= 10 && attributes.Int("ceil_mode", 0) != 0;
        if (max)
        {
            return new MaxPool2d(kernel, window.Stride, window.Pads, ceil, window.Dilation);
        }

        if (window.Dilation != Size2.Square(1))
        {
            throw new UnsupportedNodeException($"dilations {window.Dilation} on an average pool");
        }

        bool countIncludePad = Opset >= 7 && attributes.Int("count_include_pad", 0) != 0;
        return new AvgPool2d(kernel, window.Stride, window.Pads, ceil, countIncludePad);
    }

    /// <summary>Pads are an attribute ("paddings" in opset 1, "pads" to 10), then an int64 input (with axes from 18).</summary>
    private Pad2d Pad(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        string modeName = attributes.String("mode", "constant");
        var mode = modeName switch
        {
            "constant" => PadMode.Constant,
            "reflect" => PadMode.Reflect,
            "edge" => PadMode.Edge,
            _ => throw new UnsupportedNodeException($"mode \"{modeName}\""),
        };

        long[] pads;
        float value = 0;
        if (Opset < 11)
        {
            pads = attributes.Ints(Opset < 2 ? "paddings" : "pads") ?? throw _graph.Error(i, "has no pads");
            value = attributes.Float("value", 0);
        }
        else
        {
            var padsTensor = Constant(node.Input, 1) ?? throw new UnsupportedNodeException("its pads are computed, not a constant");
            pads = _tensors.Int64s(padsTensor, message => _graph.Error(i, $"pads '{node.Input[1]}': {message}"));
            if (node.Input.Count > 2 && node.Input[2].Length > 0)
            {
                value = Scalar(i, node, 2, "constant_value");
            }

            if (node.Input.Count > 3 && node.Input[3].Length > 0)
            {
                var axesTensor = Constant(node.Input, 3) ?? throw new UnsupportedNodeException("its axes are computed, not a constant");
                pads = AllAxes(i, pads, _tensors.Int64s(axesTensor, message => _graph.Error(i, $"axes '{node.Input[3]}': {message}")));
            }
        }

        if (pads.Length != 8)
        {
            throw _graph.Error(i, $"pads [{string.Join(", ", pads)}] do not have 8 values (begin and end of N, C, H, W)");
        }

        if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
        {
            throw new UnsupportedNodeException($"pads [{string.Join(", ", pads)}] pad the batch or channel axis");
        }

        if (pads.Any(p => p < 0 || p > ConfigNode.MaxDimension))
        {
            throw new UnsupportedNodeException($"pads [{string.Join(", ", pads)}] must be from 0 to {ConfigNode.MaxDimension} (a negative pad crops)");
        }

        return new Pad2d(new Borders((int)pads[2], (int)pads[6], (int)pads[3], (int)pads[7]), mode, value);
    }

    /// <summary>Pads given for some axes (opset 18's axes input) spread over all four, the others 0.</summary>
    private long[] AllAxes(int i, long[] pads, long[] axes)
    {
        if (pads.Length != 2 * axes.Length)
        {
            throw _graph.Error(i, $"has {pads.Length} pads for {axes.Length} axes; expected two per axis");
        }

        var all = new long[8];
        for (int a = 0; a < axes.Length; a++)
        {
            long axis = axes[a] < 0 ? axes[a] + 4 : axes[a];
            if (axis is < 0 or > 3)
            {
                throw _graph.Error(i, $"axis {axes[a]} is not one of a 4D tensor's");
            }

            all[axis] = pads[a];
            all[axis + 4] = pads[a + axes.Length];
        }

        return all;
    }

    /// <summary>Add of two computed tensors: the chain so far plus an earlier layer's output (or the input).</summary>
    private ResidualAdd Residual(int i, NodeProto node)
    {
        if (node.Input.Count != 2)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected 2");
        }

        int chain = node.Input[0] == _current ? 0 : node.Input[1] == _current ? 1 : -1;
        if (chain < 0)
        {
            throw new UnsupportedNodeException($"neither of its inputs is '{_current}' (the output so far); a LiveConv network is one chain");
        }

        TakeChain(node, chain);
        string other = node.Input[1 - chain];
        if (!_layerOf.TryGetValue(other, out int from))
        {
            throw new UnsupportedNodeException($"its other input '{other}' is not the output of an imported layer or the input");
        }

        var otherShape = from == ResidualAdd.NetworkInput ? _inputShape : _shapes[from];
        if (otherShape != _shape)
        {
            throw _graph.Error(i, $"adds '{other}' {otherShape} to '{_current}' {_shape}; the shapes must be equal");
        }

        return new ResidualAdd(from);
    }

    /// <summary>
    /// Add, Sub, Mul or Div with one constant operand (one value or one per channel): a scale and shift, or, while
    /// nothing but such steps came before, part of the input's normalization (what PyTorch exports carry).
    /// </summary>
    private void Arithmetic(int i, NodeProto node, NodeAttributes attributes)
    {
        if (node.Input.Count != 2)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected 2");
        }

        var left = Constant(node.Input, 0);
        var right = Constant(node.Input, 1);
        if (left is not null && right is not null)
        {
            throw new UnsupportedNodeException("both its inputs are constants");
        }

        if (left is null && right is null)
        {
            throw new UnsupportedNodeException("it combines two computed tensors; only Add of two (a residual) has a layer");
        }

        int chain = left is null ? 0 : 1;
        TakeChain(node, chain);
        var (raw, tensor) = Floats(i, node, 1 - chain, "constant");
        var c = ChannelConstant.Expand(raw, tensor, _shape.Channels, attributes, Opset);
        var scale = new double[c.Length];
        var shift = new double[c.Length];
        for (int k = 0; k < c.Length; k++)
        {
            (scale[k], shift[k]) = (node.OpType, chain) switch
            {
                ("Add", _) => (1d, c[k]),
                ("Sub", 0) => (1d, -c[k]),
                ("Sub", _) => (-1d, c[k]),
                ("Mul", _) => (c[k], 0d),
                ("Div", 0) when c[k] != 0 => (1 / (double)c[k], 0d),
                ("Div", 0) => throw _graph.Error(i, $"divides channel {k} by 0"),
                _ => throw new UnsupportedNodeException("it divides a constant by the tensor"),
            };
        }

        if (_layers.Count == 0)
        {
            for (int k = 0; k < c.Length; k++)
            {
                _inputMultiplier[k] *= scale[k];
                _inputOffset[k] = (_inputOffset[k] * scale[k]) + shift[k];
            }

            _current = node.Output[0];
            _layerOf[_current] = ResidualAdd.NetworkInput;
            _layerOf.Remove(_graph.Input.Name);
            _lastLayerNode = i;
            return;
        }

        Push(i, new ScaleShift(scale.Select(v => (float)v).ToArray(), shift.Select(v => (float)v).ToArray()));
    }

    /// <summary>Identity, and Dropout at inference (whose mask output, if used, LiveConv does not compute).</summary>
    private void PassThrough(NodeProto node)
    {
        TakeChain(node);
        if (node.OpType == "Dropout" && Opset >= 12 && node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            var training = Constant(node.Input, 2) ?? throw new UnsupportedNodeException("its training_mode is computed");
            if (training.Int32Data.Any(v => v != 0) || training.RawData.Span.IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new UnsupportedNodeException("training_mode is true");
            }
        }

        _current = node.Output[0];
        _layerOf[_current] = _layerOf[node.Input[0]];
    }

    private static string Format(float x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<float> values) => string.Join(", ", values.Select(Format));
}
