using LiveConv.Engine;
using LiveConv.Engine.Fast;
using LiveConv.Engine.Tensors;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// Runs a model file through ONNX Runtime (one thread, the CPU provider) and an imported network through LiveConv's
/// fast engine on the same (C, H, W) tensor, fed as it is.
/// </summary>
internal static class OnnxRuntimeOracle
{
    /// <summary>The output named <paramref name="output"/>, which must be a graph output of <paramref name="model"/>.</summary>
    public static float[] Run(byte[] model, string input, Shape3 shape, float[] data, string output)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(data, [1, shape.Channels, shape.Height, shape.Width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [input], [value], [output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The model with <paramref name="tensor"/> added as a graph output (a cut of the graph at that node).</summary>
    public static byte[] WithOutput(byte[] model, string tensor)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        proto.Graph.Output.Clear();
        proto.Graph.Output.Add(new ValueInfoProto
        {
            Name = tensor,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });
        return Google.Protobuf.MessageExtensions.ToByteArray(proto);
    }

    public static float[] RunLiveConv(Network network, float[] data)
    {
        using var runner = new NetworkRunner(network);
        runner.Run(data);
        return runner.Output(network.Layers.Count - 1).Data;
    }

    public static float[] RandomTensor(Shape3 shape, int seed, float low, float high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, shape.Channels * shape.Height * shape.Width).Select(_ => low + ((high - low) * random.NextSingle())).ToArray();
    }

    /// <summary>The largest |a − e| over the largest |e|: a relative error that zeros in the output cannot inflate.</summary>
    public static double RelativeError(float[] actual, float[] expected)
    {
        if (actual.Length != expected.Length)
        {
            throw new InvalidOperationException($"LiveConv gave {actual.Length} values, ONNX Runtime {expected.Length}");
        }

        double diff = 0, scale = 1e-30;
        for (int i = 0; i < actual.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        return diff / scale;
    }
}
