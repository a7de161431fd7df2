using System.Reflection;
using Google.Protobuf;
using LiveConv.App.Onnx;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.Benchmarks.Workloads;

/// <summary>
/// W5 and W6 on the real ResNet18.onnx: LiveConv runs what its importer makes of the first nodes; ONNX Runtime and
/// OpenCV DNN run the file itself cut after the same node (the nodes up to it, its output the graph's output, the
/// input resized to the frame). Every peer starts from the BGR u8 frame less the per-channel mean, as the shipped
/// resnet18-stem config does.
/// </summary>
public static class ResNet18Workloads
{
    /// <summary>The per-channel mean of ResNetPreprocess.onnx's mean image, B, G, R (see LiveConv.App.csproj).</summary>
    private static readonly float[] Mean = [103.0626f, 115.9029f, 123.1516f];

    public static string ModelPath { get; } = typeof(ResNet18Workloads).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ResNet18Model").Value!;

    public static IReadOnlyList<Workload> All() =>
    [
        Cut("W5", "resnet18-stem-720p", "Pooling255", 1280, 720),
        Cut("W6", "resnet18-block1-360p", "ReLU283", 640, 360),
    ];

    private static Workload Cut(string id, string title, string through, int width, int height)
    {
        var imported = OnnxImporter.Import(ModelPath, through, new OnnxInputOptions { Color = PixelFormat.Bgr, Scale = 1, Mean = Mean });
        var network = imported.Config.Network.WithInputSize(width, height);
        return new Workload(id, title, network) { OnnxModel = CutModel(through, width, height, network.OutputShape) };
    }

    /// <summary>
    /// The nodes up to <paramref name="through"/>, its output as the graph's, the input (1, 3, height, width). The
    /// output's shape is given too: OpenCV's importer wants it ("tensor.has_shape()").
    /// </summary>
    private static byte[] CutModel(string through, int width, int height, Shape3 outputShape)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        var graph = model.Graph;
        int last = graph.Node.Select((n, i) => (n, i)).Single(p => p.n.Name == through).i;
        string output = graph.Node[last].Output[0];
        while (graph.Node.Count > last + 1)
        {
            graph.Node.RemoveAt(graph.Node.Count - 1);
        }

        var used = graph.Node.SelectMany(n => n.Input).ToHashSet();
        var unused = graph.Initializer.Where(t => !used.Contains(t.Name)).ToArray();
        foreach (var t in unused)
        {
            graph.Initializer.Remove(t);
        }

        var inputs = graph.Input.Where(i => !used.Contains(i.Name)).ToArray();
        foreach (var i in inputs)
        {
            graph.Input.Remove(i);
        }

        // CNTK wrote attributes without their type field; OpenCV's importer needs it ("unsupported attribute format").
        foreach (var attribute in graph.Node.SelectMany(n => n.Attribute).Where(a => a.Type == AttributeProto.Types.AttributeType.Undefined))
        {
            attribute.Type = attribute.Ints.Count > 0 ? AttributeProto.Types.AttributeType.Ints
                : attribute.Floats.Count > 0 ? AttributeProto.Types.AttributeType.Floats
                : !attribute.S.IsEmpty ? AttributeProto.Types.AttributeType.String
                : attribute.F != 0 ? AttributeProto.Types.AttributeType.Float
                : AttributeProto.Types.AttributeType.Int;
        }

        // Google.Protobuf writes no int 0, and OpenCV then finds an attribute without a value; MaxPool's
        // storage_order = 0, the only such attribute here, is also its default.
        foreach (var node in graph.Node)
        {
            var zeros = node.Attribute.Where(a => a.Type == AttributeProto.Types.AttributeType.Int && a.I == 0).ToArray();
            foreach (var zero in zeros)
            {
                node.Attribute.Remove(zero);
            }
        }

        // The model's value_info holds 224x224 shapes; inference gives the frame's.
        graph.ValueInfo.Clear();
        var dims = graph.Input.Single(i => i.Name == "Input247").Type.TensorType.Shape.Dim;
        dims[2].DimValue = height;
        dims[3].DimValue = width;
        graph.Output.Clear();
        var shape = new TensorShapeProto();
        foreach (long d in new long[] { 1, outputShape.Channels, outputShape.Height, outputShape.Width })
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        graph.Output.Add(new ValueInfoProto { Name = output, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } });
        return model.ToByteArray();
    }
}
