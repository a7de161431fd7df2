using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// Runs the network on a frame's pixels and leaves the selected layer's feature maps in <see cref="Frame.Maps"/>.
/// One instance per engine worker: an implementation need not be thread-safe. Disposed when the run ends.
/// </summary>
public interface IFrameEngine : IDisposable
{
    void Process(Frame frame);
}
