using LiveConv.Benchmarks.Workloads;

namespace LiveConv.Benchmarks.Peers;

/// <summary>What the OpenCV DNN and ONNX Runtime peers can do to the frame on its way in: a scale and a per-channel mean, nothing else.</summary>
internal static class PeerInput
{
    public static void EnsureSupported(Workload workload)
    {
        if (workload.Network.Input.Color != workload.FrameFormat)
        {
            throw new NotSupportedException("the model takes the frame's own channels; no color conversion here");
        }

        if (workload.Network.Input.Std is not null)
        {
            throw new NotSupportedException("no per-channel std here (the frame is only scaled and its mean subtracted on the way in)");
        }
    }
}
