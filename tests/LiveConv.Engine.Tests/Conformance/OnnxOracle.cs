using LiveConv.Engine;
using LiveConv.Engine.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace LiveConv.Conformance;

/// <summary>Runs a <see cref="Network"/> through ONNX Runtime on the CPU and returns every layer's output.</summary>
public static class OnnxOracle
{
    /// <param name="normalizeInput">The graph applies the input's mean and std first (see <see cref="OnnxModelWriter.Write"/>).</param>
    public static IReadOnlyList<Tensor> Run(Network network, Tensor input, bool normalizeInput = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        byte[] model = OnnxModelWriter.Write(network, everyLayer: true, normalizeInput);

        // One thread: the suite runs test classes in parallel, and a single thread keeps ORT's sums in one order.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var s = input.Shape;
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input.Data.ToArray(), [1, s.Channels, s.Height, s.Width]);
        string[] outputNames = Enumerable.Range(0, network.Layers.Count).Select(OnnxModelWriter.OutputName).ToArray();
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxModelWriter.InputName], [inputValue], outputNames);

        var tensors = new Tensor[outputs.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            var expected = network.Shapes[i];
            long[] actualShape = outputs[i].GetTensorTypeAndShape().Shape;
            if (!actualShape.SequenceEqual([1L, expected.Channels, expected.Height, expected.Width]))
            {
                throw new InvalidOperationException(
                    $"ONNX Runtime gave layer {i} the shape [{string.Join(", ", actualShape)}], LiveConv infers {expected}.");
            }

            tensors[i] = new Tensor(expected, outputs[i].GetTensorDataAsSpan<float>().ToArray());
        }

        return tensors;
    }
}
