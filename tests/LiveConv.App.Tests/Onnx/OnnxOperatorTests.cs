using LiveConv.App.Onnx;
using LiveConv.Engine.Fast;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using static LiveConv.App.Tests.Onnx.OnnxModelBuilder;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// Every operator and attribute the importer maps, on generated models, against ONNX Runtime on the same tensor.
/// Tolerance: 1e-5 of the output's largest magnitude. Both sides sum the same float32 products in another order
/// (at most 3·5·5 = 75 per output here, about √75·6e-8 ≈ 5e-7 of the magnitude) and a folded batch normalization
/// rounds w·s once instead of (Σ w·x)·s, a few more units of 6e-8; 1e-5 is 20 times that and still catches a
/// misread pad, stride or channel (errors of the order of the values themselves).
/// </summary>
public sealed class OnnxOperatorTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _folder = Directory.CreateTempSubdirectory("liveconv-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Cases => new(Models.Keys);

    private static readonly Dictionary<string, Func<OnnxModelBuilder>> Models = new()
    {
        ["conv: asymmetric pads, strides, dilations, float_data"] = () =>
        {
            var m = new OnnxModelBuilder(3, 13, 11);
            string w = m.Floats("w", [4, 3, 3, 3], Values(108, 1)), b = m.Floats("b", [4], Values(4, 2));
            return m.Node("Conv", "conv", [m.Last, w, b], Ints("pads", 1, 0, 2, 1), Ints("strides", 2, 1), Ints("dilations", 1, 2));
        },
        ["conv: group 2, raw_data, auto_pad SAME_UPPER, stride 2"] = () =>
        {
            var m = new OnnxModelBuilder(3, 12, 9);
            m.Node("Conv", "widen", [m.Last, m.Floats("w1", [4, 3, 1, 1], Values(12, 2))]);
            string w = m.Floats("w", [6, 2, 3, 3], Values(108, 3), raw: true);
            return m.Node("Conv", "conv", [m.Last, w], Int("group", 2), String("auto_pad", "SAME_UPPER"), Ints("strides", 2, 2));
        },
        ["conv: auto_pad SAME_LOWER, 4x2 kernel, no bias"] = () =>
        {
            var m = new OnnxModelBuilder(3, 9, 10);
            string w = m.Floats("w", [3, 3, 4, 2], Values(72, 4));
            return m.Node("Conv", "conv", [m.Last, w], String("auto_pad", "SAME_LOWER"), Ints("strides", 2, 3));
        },
        ["conv: auto_pad VALID, kernel_shape given"] = () =>
        {
            var m = new OnnxModelBuilder(3, 8, 8, opset: 1);
            string w = m.Floats("w", [2, 3, 3, 3], Values(54, 5));
            return m.Node("Conv", "conv", [m.Last, w], String("auto_pad", "VALID"), Ints("kernel_shape", 3, 3));
        },
        ["conv + batch normalization folded, opset 8 (spatial)"] = () => ConvBatchNorm(opset: 8, Int("spatial", 1)),
        ["conv + batch normalization folded, opset 15"] = () => ConvBatchNorm(opset: 15),
        ["batch normalization alone (scale and shift), opset 7"] = () =>
        {
            var m = new OnnxModelBuilder(3, 7, 6, opset: 7);
            return BatchNorm(m.Node("Relu", "relu"), 3);
        },
        ["leaky relu alpha 0.2, relu"] = () =>
            new OnnxModelBuilder(3, 6, 7).Node("LeakyRelu", "leaky", null, Float("alpha", 0.2f)).Node("Relu", "relu"),
        ["clip as attributes (opset 6): relu6"] = () => new OnnxModelBuilder(3, 5, 5, opset: 6).Node("Clip", "clip", null, Float("min", 0), Float("max", 0.5f)),
        ["clip as inputs (opset 13): min only, then max only"] = () =>
        {
            var m = new OnnxModelBuilder(3, 5, 5);
            string min = m.Floats("min", [], [-0.25f]), max = m.Floats("max", [], [0.3f]);
            return m.Node("Clip", "clip", [m.Last, min]).Node("Clip", "clip2", [m.Last, "", max]);
        },
        ["max pool opset 8: pads [1,1,0,0], stride 2 (ResNet's)"] = () =>
            new OnnxModelBuilder(3, 11, 10, opset: 8).Node("MaxPool", "pool", null, Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 0, 0)),
        ["max pool opset 12: ceil_mode, dilations, asymmetric pads"] = () =>
            new OnnxModelBuilder(3, 12, 13, opset: 12).Node("MaxPool", "pool", null, Ints("kernel_shape", 2, 3), Ints("strides", 2, 2), Ints("dilations", 2, 1), Ints("pads", 0, 1, 1, 0), Int("ceil_mode", 1)),
        ["max pool: auto_pad SAME_UPPER"] = () =>
            new OnnxModelBuilder(3, 9, 10).Node("MaxPool", "pool", null, Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), String("auto_pad", "SAME_UPPER")),
        ["average pool: count_include_pad 1, pads"] = () =>
            new OnnxModelBuilder(3, 9, 10).Node("AveragePool", "pool", null, Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 0), Int("count_include_pad", 1)),
        ["average pool: count_include_pad 0 (the default), ceil_mode"] = () =>
            new OnnxModelBuilder(3, 10, 11).Node("AveragePool", "pool", null, Ints("kernel_shape", 3, 2), Ints("strides", 2, 2), Ints("pads", 1, 0, 1, 1), Int("ceil_mode", 1)),
        ["pad opset 2: constant 0.5 as attributes"] = () =>
            new OnnxModelBuilder(3, 5, 6, opset: 2).Node("Pad", "pad", null, Ints("pads", 0, 0, 1, 2, 0, 0, 3, 0), Float("value", 0.5f)),
        ["pad opset 13: reflect, pads as an input"] = () =>
        {
            var m = new OnnxModelBuilder(3, 5, 6);
            return m.Node("Pad", "pad", [m.Last, m.Int64s("pads", 0, 0, 2, 1, 0, 0, 1, 3)], String("mode", "reflect"));
        },
        ["pad opset 18: edge, axes [2, 3]"] = () =>
        {
            var m = new OnnxModelBuilder(3, 5, 6, opset: 18);
            return m.Node("Pad", "pad", [m.Last, m.Int64s("pads", 2, 0, 1, 3), "", m.Int64s("axes", 2, 3)], String("mode", "edge"));
        },
        ["pad opset 13: constant -1 as an input, then conv"] = () =>
        {
            var m = new OnnxModelBuilder(3, 5, 6);
            string value = m.Floats("v", [], [-1f]), w = m.Floats("w", [2, 3, 3, 3], Values(54, 6));
            return m.Node("Pad", "pad", [m.Last, m.Int64s("pads", 0, 0, 1, 1, 0, 0, 1, 1), value]).Node("Conv", "conv", [m.Last + "", w]);
        },
        ["mul, add, sub, div by per-channel and scalar constants after a conv"] = () =>
        {
            var m = new OnnxModelBuilder(3, 6, 6);
            string w = m.Floats("w", [2, 3, 3, 3], Values(54, 7));
            m.Node("Conv", "conv", [m.Last, w]);
            m.Node("Mul", "mul", [m.Last, m.Floats("k", [1, 2, 1, 1], [2f, -0.5f])]);
            m.Node("Add", "add", [m.Floats("a", [2, 1, 1], [0.25f, -1f]), m.Last]);
            m.Node("Sub", "sub", [m.Floats("s", [], [3f]), m.Last]);
            return m.Node("Div", "div", [m.Last, m.Floats("d", [1], [4f])]);
        },
        ["residual add: a block's input added to its output"] = () =>
        {
            var m = new OnnxModelBuilder(3, 8, 7);
            m.Node("Conv", "conv1", [m.Last, m.Floats("w1", [4, 3, 3, 3], Values(108, 8))], Ints("pads", 1, 1, 1, 1));
            m.Node("Relu", "relu1");
            string blockInput = m.Last;
            m.Node("Conv", "conv2", [m.Last, m.Floats("w2", [4, 4, 3, 3], Values(144, 9))], Ints("pads", 1, 1, 1, 1));
            return m.Node("Add", "add", [m.Last, blockInput]).Node("Relu", "relu2");
        },
        ["residual add of the input, identity, dropout"] = () =>
        {
            var m = new OnnxModelBuilder(3, 6, 6, opset: 13);
            m.Node("Identity", "id").Node("Dropout", "drop").Node("LeakyRelu", "leaky");
            return m.Node("Add", "add", [m.InputName, m.Last]);
        },
        ["constant nodes as operands"] = () =>
        {
            var m = new OnnxModelBuilder(3, 5, 5);
            m.Model.Graph.Node.Add(new global::Onnx.NodeProto { OpType = "Constant", Name = "c", Output = { "c_out" }, Attribute = { new global::Onnx.AttributeProto { Name = "value_float", Type = global::Onnx.AttributeProto.Types.AttributeType.Float, F = 0.75f } } });
            m.Node("Relu", "relu");
            return m.Node("Mul", "mul", [m.Last, "c_out"]);
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_MatchesOnnxRuntime(string name)
    {
        var model = Models[name]();
        string path = Path.Combine(_folder, "m.onnx");
        File.WriteAllBytes(path, model.Bytes());
        var imported = OnnxImporter.Import(path);
        var network = imported.Config.Network;
        var input = OnnxRuntimeOracle.RandomTensor(network.InputShape, seed: name.Length, -1f, 1f);

        float[] expected = OnnxRuntimeOracle.Run(model.Bytes(), model.InputName, network.InputShape, input, model.Last);
        float[] actual = OnnxRuntimeOracle.RunLiveConv(network, input);

        double error = OnnxRuntimeOracle.RelativeError(actual, expected);
        Assert.True(error <= Tolerance, $"{name}: relative error {error:G3} > {Tolerance} ({imported.Extent})");
    }

    [Fact]
    public void BatchNormalization_AfterConv_IsFoldedAndSaidSo()
    {
        string path = Path.Combine(_folder, "m.onnx");
        File.WriteAllBytes(path, ConvBatchNorm(opset: 15).Bytes());

        var imported = OnnxImporter.Import(path);

        var layer = Assert.Single(imported.Config.Network.Layers);
        Assert.IsType<Conv2d>(layer);
        Assert.Contains(imported.Notes, n => n.Contains("'bn' (BatchNormalization) folded into the weights and bias of node 0 'conv' (Conv)", StringComparison.Ordinal));
    }

    /// <summary>PyTorch's input normalization, (x − mean) / std in the graph, becomes the input's mean and std: checked on a frame.</summary>
    [Fact]
    public void SubDivOnTheInput_BecomeTheInputsMeanAndStd()
    {
        var m = new OnnxModelBuilder(3, 6, 5);
        m.Node("Sub", "sub", [m.Last, m.Floats("mean", [1, 3, 1, 1], [0.485f, 0.456f, 0.406f])]);
        m.Node("Div", "div", [m.Last, m.Floats("std", [1, 3, 1, 1], [0.229f, 0.224f, 0.225f])]);
        m.Node("Conv", "conv", [m.Last, m.Floats("w", [2, 3, 3, 3], Values(54, 11))]);
        string path = Path.Combine(_folder, "m.onnx");
        File.WriteAllBytes(path, m.Bytes());

        var network = OnnxImporter.Import(path).Config.Network;

        Assert.Equal([0.485f, 0.456f, 0.406f], network.Input.Mean!.ToArray(), new ToleranceComparer(1e-6f));
        Assert.Equal([0.229f, 0.224f, 0.225f], network.Input.Std!.ToArray(), new ToleranceComparer(1e-6f));
        Assert.Equal(PixelFormat.Rgb, network.Input.Color);

        // A BGR frame, as a camera gives it; the model takes RGB in [0, 1].
        var shape = network.InputShape;
        var random = new Random(5);
        byte[] frame = new byte[shape.Height * shape.Width * 3];
        random.NextBytes(frame);
        var rgb = new float[frame.Length];
        for (int y = 0; y < shape.Height; y++)
        {
            for (int x = 0; x < shape.Width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    rgb[(c * shape.Height * shape.Width) + (y * shape.Width) + x] = frame[(((y * shape.Width) + x) * 3) + (2 - c)] / 255f;
                }
            }
        }

        float[] expected = OnnxRuntimeOracle.Run(m.Bytes(), m.InputName, shape, rgb, m.Last);
        using var runner = new NetworkRunner(network);
        runner.Run(frame, shape.Width * 3, PixelFormat.Bgr);
        double error = OnnxRuntimeOracle.RelativeError(runner.Output(0).Data, expected);
        Assert.True(error <= Tolerance, $"relative error {error:G3}");
    }

    /// <summary>ONNX Runtime implements no operator before opset 7, so the old broadcast form is checked by its values.</summary>
    [Fact]
    public void Opset6_BroadcastOnAxis1_IsPerChannel()
    {
        var m = new OnnxModelBuilder(3, 5, 5, opset: 6);
        m.Node("Relu", "relu");
        m.Node("Mul", "mul", [m.Last, m.Floats("k", [3], [1f, 2f, 3f])], Int("broadcast", 1), Int("axis", 1));
        string path = Path.Combine(_folder, "m.onnx");
        File.WriteAllBytes(path, m.Bytes());

        var layers = OnnxImporter.Import(path).Config.Network.Layers;

        var scaleShift = Assert.IsType<ScaleShift>(layers[1]);
        Assert.Equal([1f, 2f, 3f], scaleShift.Scale);
        Assert.Equal([0f, 0f, 0f], scaleShift.Shift);
    }

    private static OnnxModelBuilder ConvBatchNorm(long opset, params global::Onnx.AttributeProto[] bnAttributes)
    {
        var m = new OnnxModelBuilder(3, 9, 8, opset);
        m.Node("Conv", "conv", [m.Last, m.Floats("w", [5, 3, 3, 3], Values(135, 12)), m.Floats("b", [5], Values(5, 13))], Ints("pads", 1, 1, 1, 1));
        return BatchNorm(m, 5, bnAttributes);
    }

    private static OnnxModelBuilder BatchNorm(OnnxModelBuilder m, int channels, params global::Onnx.AttributeProto[] attributes)
    {
        var random = new Random(channels);
        float[] positive = Enumerable.Range(0, channels).Select(_ => 0.5f + random.NextSingle()).ToArray();
        return m.Node("BatchNormalization", "bn",
            [m.Last, m.Floats("gamma", [channels], Values(channels, 14)), m.Floats("beta", [channels], Values(channels, 15)),
             m.Floats("mean", [channels], Values(channels, 16)), m.Floats("var", [channels], positive)],
            [.. attributes, Float("epsilon", 1e-3f)]);
    }

    /// <summary>Seeded values in [−1, 1).</summary>
    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
