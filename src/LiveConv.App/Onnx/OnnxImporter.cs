using System.Globalization;
using LiveConv.App.Configuration;
using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// Turns the leading nodes of an ONNX graph into a LiveConv <see cref="Network"/>: a chain of layers from the graph's
/// input, each node taking the previous one's output, with residual adds back to earlier outputs. Nodes are read in
/// the file's order; the import stops before the first one it cannot turn into a layer (or goes exactly through the
/// one asked for). A model file is untrusted: every check that fails names the file and the node. The operators
/// are translated in the partial files OnnxImporter.Convolution, .Pooling and .Elementwise.
/// </summary>
public sealed partial class OnnxImporter
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

    private static string Format(float x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<float> values) => string.Join(", ", values.Select(Format));
}
