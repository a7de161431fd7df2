using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// Writes small ONNX models for the import tests with OnnxSharp's protobuf types: a float (1, C, H, W) input, nodes
/// in order, initializers as float_data or raw_data, and the last node's first output as the graph output.
/// </summary>
internal sealed class OnnxModelBuilder
{
    private readonly ModelProto _model;

    public OnnxModelBuilder(int channels, int height, int width, long opset = 13, string input = "x")
    {
        _model = new ModelProto { IrVersion = 7, ProducerName = "LiveConv tests", Graph = new GraphProto { Name = "test" } };
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        _model.Graph.Input.Add(Value(input, channels, height, width));
        InputName = input;
        Last = input;
    }

    public ModelProto Model => _model;

    public string InputName { get; }

    /// <summary>The latest node's first output (the graph's input before any node).</summary>
    public string Last { get; private set; }

    public static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims.Prepend(1))
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } } };
    }

    /// <summary>Adds a node; its output is named after it. Inputs null: the previous output.</summary>
    public OnnxModelBuilder Node(string op, string name, string[]? inputs = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs ?? [Last]);
        node.Output.Add(name + "_out");
        node.Attribute.AddRange(attributes);
        _model.Graph.Node.Add(node);
        Last = name + "_out";
        return this;
    }

    public string Floats(string name, long[] dims, float[] values, bool raw = false)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.AddRange(dims);
        if (raw)
        {
            tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            tensor.FloatData.AddRange(values);
        }

        _model.Graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64, Dims = { values.Length } };
        tensor.Int64Data.AddRange(values);
        _model.Graph.Initializer.Add(tensor);
        return name;
    }

    public static AttributeProto Ints(string name, params long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>The model bytes with <paramref name="outputs"/> (default: the last node's) as graph outputs, shapes left to inference.</summary>
    public byte[] Bytes(params string[] outputs)
    {
        var model = _model.Clone();
        foreach (string output in outputs.Length == 0 ? [Last] : outputs)
        {
            model.Graph.Output.Add(new ValueInfoProto { Name = output, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } } });
        }

        return model.ToByteArray();
    }

    public string Save(string folder, string file = "model.onnx")
    {
        string path = Path.Combine(folder, file);
        File.WriteAllBytes(path, Bytes());
        return path;
    }
}
