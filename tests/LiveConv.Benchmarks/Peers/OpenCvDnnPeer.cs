using LiveConv.Benchmarks.Workloads;
using LiveConv.Conformance;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace LiveConv.Benchmarks.Peers;

/// <summary>OpenCV's DNN module on the same ONNX model; BlobFromImage does the u8 → float NCHW step.</summary>
public sealed class OpenCvDnnPeer(int threads) : IPeer
{
    private Workload? _workload;
    private Net? _net;
    private float[] _outputData = [];

    public string Name => "opencv-dnn";

    public ReadOnlySpan<float> Output => _outputData;

    public void Prepare(Workload workload)
    {
        PeerInput.EnsureSupported(workload);

        Dispose();
        _workload = workload;
        _net = CvDnn.ReadNetFromOnnx(workload.OnnxModel ?? OnnxModelWriter.Write(workload.Network, everyLayer: false))
            ?? throw new NotSupportedException("OpenCV DNN could not read the model");
        _net.SetPreferableBackend(Backend.OPENCV);
        _net.SetPreferableTarget(Target.CPU);
        _outputData = new float[workload.Network.OutputShape.Length];
    }

    public unsafe void Run()
    {
        var w = _workload!;
        Cv2.SetNumThreads(threads);
        using var frame = Mat.FromPixelData(w.Height, w.Width, w.FrameFormat == Engine.Tensors.PixelFormat.Gray ? MatType.CV_8UC1 : MatType.CV_8UC3, w.Frame);
        // BlobFromImage subtracts its mean before scaling, so the input's mean goes in on the pixels' scale.
        var mean = w.Network.Input.Mean is { } m ? new Scalar(m[0] / w.Network.Input.Scale, m[1] / w.Network.Input.Scale, m[2] / w.Network.Input.Scale) : default;
        using var blob = CvDnn.BlobFromImage(frame, w.Network.Input.Scale, default, mean, swapRB: false, crop: false);
        _net!.SetInput(blob);
        using var output = _net.Forward();
        new ReadOnlySpan<float>((void*)output.Data, _outputData.Length).CopyTo(_outputData);
    }

    public void Dispose()
    {
        _net?.Dispose();
        _net = null;
    }
}
