using LiveConv.App.Configuration;
using LiveConv.App.Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// A model file is untrusted input: each way a file can be wrong or hostile gets one line naming the file (and the
/// node), as a <see cref="ConfigException"/>, before anything its dims claim is allocated.
/// </summary>
public sealed class OnnxUntrustedModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liveconv-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TruncatedFile_IsNotAReadableModel()
    {
        byte[] bytes = Conv().Bytes();
        string path = Write(bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(path));

        Assert.StartsWith($"{path}: not a readable ONNX model (truncated or corrupt protobuf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFile_IsNotAReadableModel()
    {
        string path = Write("{ \"not\": \"a model\" }\n"u8.ToArray());

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(path));

        Assert.StartsWith($"{path}: not", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_SaysSo()
    {
        string path = Path.Combine(_folder, "none.onnx");

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(path));

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void DoubleWeights_AreTheWrongType()
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        var weights = new global::Onnx.TensorProto { Name = "w", DataType = (int)DataType.Double, Dims = { 1, 3, 1, 1 }, DoubleData = { 1, 2, 3 } };
        m.Model.Graph.Initializer.Add(weights);
        m.Node("Conv", "conv", [m.Last, "w"]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("node 0 'conv' (Conv): weights 'w': it holds DOUBLE values; expected FLOAT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DimsWhoseProductOverflows_AreRefusedBeforeAllocating()
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        var weights = new global::Onnx.TensorProto { Name = "w", DataType = (int)DataType.Float, Dims = { 1L << 40, 1L << 40, 1L << 40, 3 } };
        m.Model.Graph.Initializer.Add(weights);
        m.Node("Conv", "conv", [m.Last, "w"]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.Contains("node 0 'conv' (Conv): weights 'w': its dims [1099511627776, 1099511627776, 1099511627776, 3] make more than 268,435,456 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DimsLargerThanTheData_AreRefused()
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        m.Node("Conv", "conv", [m.Last, m.Floats("w", [64, 3, 7, 7], new float[10])]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("weights 'w': it has 10 values in float_data; its dims need 9,408", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeDims_AreRefused()
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        m.Node("Conv", "conv", [m.Last, m.Floats("w", [-1, 3, 1, 1], [1, 2, 3])]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("weights 'w': its dims [-1, 3, 1, 1] have a negative size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodesOutOfOrder_AreNamed()
    {
        var m = Conv().Node("Relu", "relu");
        var nodes = m.Model.Graph.Node;
        (nodes[0], nodes[1]) = (nodes[1], nodes[0]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("node 0 'relu' (Relu): uses 'conv_out', which node 1 'conv' (Conv) makes: the nodes are out of order or in a cycle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodesInACycle_AreNamed()
    {
        var m = new OnnxModelBuilder(3, 5, 5).Node("Relu", "a", ["b_out"]).Node("Relu", "b", ["a_out"]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("node 0 'a' (Relu): uses 'b_out', which node 1 'b' (Relu) makes: the nodes are out of order or in a cycle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATensorMadeTwice_IsNamed()
    {
        var m = new OnnxModelBuilder(3, 5, 5).Node("Relu", "a").Node("Relu", "a");

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("node 1 'a' (Relu): its output 'a_out' is already made by node 0 'a' (Relu)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedNode_SaysWhatImportedBeforeIt()
    {
        var m = Conv().Node("Relu", "relu").Node("GlobalAveragePool", "gap");
        string path = Write(m.Bytes());

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(path, "gap"));
        var asFarAsItGoes = OnnxImporter.Import(path);

        Assert.Equal($"{path}: nodes 0–1 import; node 2 'gap' (GlobalAveragePool) is not supported: LiveConv has no layer for this operator; use --through relu", e.Message);
        Assert.Equal("nodes 0–1 of 3 import as 2 layers, through node 1 'relu' (Relu); node 2 'gap' (GlobalAveragePool) is not supported: LiveConv has no layer for this operator", asFarAsItGoes.Extent);
    }

    [Fact]
    public void InputOfIntegers_IsRefused()
    {
        var m = Conv();
        m.Model.Graph.Input[0].Type.TensorType.ElemType = (int)DataType.Int64;

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(m.Bytes())));

        Assert.EndsWith("the graph input 'x' holds Int64 values; LiveConv feeds FLOAT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalData_InTheModelsFolder_Imports()
    {
        float[] weights = [0.5f, -1f, 2f];
        File.WriteAllBytes(Path.Combine(_folder, "w.bin"), [.. new byte[8], .. System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()).ToArray()]);
        var m = External("w.bin", offset: 8);

        var conv = Assert.IsType<LiveConv.Engine.Layers.Conv2d>(Assert.Single(OnnxImporter.Import(Write(m.Bytes())).Config.Network.Layers));

        Assert.Equal(weights, conv.Kernels[0].Weights.ToArray());
    }

    [Theory]
    [InlineData("/etc/passwd", "must be a path relative to the model's folder")]
    [InlineData("../w.bin", "must not leave the model's folder ('..')")]
    [InlineData("sub/../../w.bin", "must not leave the model's folder ('..')")]
    [InlineData("absent.bin", "does not exist in")]
    public void ExternalData_OutsideTheFolder_IsRefused(string location, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(External(location).Bytes())));

        Assert.Contains($"weights 'w': its external data", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalData_ThroughASymlinkOut_IsRefused()
    {
        string outside = Directory.CreateTempSubdirectory("liveconv-outside-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(outside, "secret.bin"), new byte[12]);
            Directory.CreateSymbolicLink(Path.Combine(_folder, "data"), outside);

            var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(External("data/secret.bin").Bytes())));

            Assert.Contains("its external data location 'data/secret.bin' leads out of the model's folder", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void ExternalData_ShorterThanItsDims_IsRefused()
    {
        File.WriteAllBytes(Path.Combine(_folder, "w.bin"), new byte[11]);

        var e = Assert.Throws<ConfigException>(() => OnnxImporter.Import(Write(External("w.bin").Bytes())));

        Assert.EndsWith("weights 'w': its external data 'w.bin' holds 11 bytes, too few for 12 from offset 0", e.Message, StringComparison.Ordinal);
    }

    private static OnnxModelBuilder Conv()
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        return m.Node("Conv", "conv", [m.Last, m.Floats("w", [1, 3, 1, 1], [1, 2, 3])]);
    }

    private static OnnxModelBuilder External(string location, long offset = 0)
    {
        var m = new OnnxModelBuilder(3, 5, 5);
        var weights = new global::Onnx.TensorProto
        {
            Name = "w",
            DataType = (int)DataType.Float,
            Dims = { 1, 3, 1, 1 },
            DataLocation = global::Onnx.TensorProto.Types.DataLocation.External,
            ExternalData = { new global::Onnx.StringStringEntryProto { Key = "location", Value = location } },
        };
        if (offset > 0)
        {
            weights.ExternalData.Add(new global::Onnx.StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        m.Model.Graph.Initializer.Add(weights);
        return m.Node("Conv", "conv", [m.Last, "w"]);
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
