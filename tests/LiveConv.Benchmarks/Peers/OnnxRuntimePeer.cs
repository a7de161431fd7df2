using LiveConv.Benchmarks.Workloads;
using LiveConv.Conformance;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace LiveConv.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime on an ONNX model of the same layers, written by us. The u8 frame becomes the float NCHW input
/// as a user would do it with OpenCV (Split, then ConvertTo straight into the input tensor's planes).
/// </summary>
public sealed class OnnxRuntimePeer(int threads) : IPeer
{
    private Workload? _workload;
    private InferenceSession? _session;
    private OrtValue? _input, _output;
    private float[] _inputData = [], _outputData = [];
    private string _inputName = "", _outputName = "";

    public string Name => "onnxruntime";

    public ReadOnlySpan<float> Output => _outputData;

    public void Prepare(Workload workload)
    {
        PeerInput.EnsureSupported(workload);

        Dispose();
        _workload = workload;
        var network = workload.Network;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(workload.OnnxModel ?? OnnxModelWriter.Write(network, everyLayer: false), options);
        _inputName = _session.InputNames[0];
        _outputName = _session.OutputNames[^1];
        var (i, o) = (network.InputShape, network.OutputShape);
        _inputData = new float[i.Length];
        _outputData = new float[o.Length];
        _input = OrtValue.CreateTensorValueFromMemory(_inputData, [1, i.Channels, i.Height, i.Width]);
        _output = OrtValue.CreateTensorValueFromMemory(_outputData, [1, o.Channels, o.Height, o.Width]);
    }

    public unsafe void Run()
    {
        var w = _workload!;
        int plane = w.Width * w.Height;
        using var frame = Mat.FromPixelData(w.Height, w.Width, w.FrameFormat == Engine.Tensors.PixelFormat.Gray ? MatType.CV_8UC1 : MatType.CV_8UC3, w.Frame);
        var planes = Cv2.Split(frame);
        fixed (float* input = _inputData)
        {
            for (int c = 0; c < planes.Length; c++)
            {
                using var target = Mat.FromPixelData(w.Height, w.Width, MatType.CV_32FC1, (nint)(input + (c * plane)));
                // A real model's input normalization (W5, W6): the per-channel mean subtracted in the same pass.
                planes[c].ConvertTo(target, MatType.CV_32F, w.Network.Input.Scale, -(w.Network.Input.Mean?[c] ?? 0));
                planes[c].Dispose();
            }
        }

        using var runOptions = new RunOptions();
        _session!.Run(runOptions, [_inputName], [_input!], [_outputName], [_output!]);
    }

    public void Dispose()
    {
        _session?.Dispose();
        _input?.Dispose();
        _output?.Dispose();
        (_session, _input, _output) = (null, null, null);
    }
}
