using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Engine;

/// <summary>
/// An engine that follows a <see cref="NetworkSlot"/>: when the slot changes, the next frame is processed by a
/// new inner engine built for the new network, and the old one is disposed. One check per frame, nothing else.
/// </summary>
public sealed class SwitchingFrameEngine(NetworkSlot slot, Func<NetworkSlot.Snapshot, IFrameEngine> make) : IFrameEngine
{
    private IFrameEngine? _inner;
    private int _version = -1;

    public void Process(Frame frame)
    {
        var current = slot.Current;
        if (_inner is null || current.Version != _version)
        {
            _inner?.Dispose();
            _inner = make(current);
            _version = current.Version;
        }

        _inner.Process(frame);
    }

    public void Dispose() => _inner?.Dispose();
}
