using LiveConv.Engine;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Benchmarks.Workloads;

/// <summary>A network and one frame to push through it, the same for every peer.</summary>
public sealed record Workload(string Id, string Title, Network Network)
{
    public PixelFormat FrameFormat => Network.Input.Color;

    /// <summary>A seeded random frame: no peer gets a conveniently sparse input.</summary>
    public byte[] Frame { get; } = StandardWorkloads.Frame(Network);

    public int Width => Network.Input.Width;

    public int Height => Network.Input.Height;

    public int RowStride => Width * FrameFormat.Channels();

    /// <summary>The model ONNX Runtime and OpenCV DNN run (a cut of a real model); null: the one we write from <see cref="Network"/>.</summary>
    public byte[]? OnnxModel { get; init; }
}
