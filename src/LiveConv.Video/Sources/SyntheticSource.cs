using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// The synthetic scene as a source. Real time: paced at its fps and live (a slow pipeline drops, it never
/// queues); otherwise as fast as the pipeline takes them, every frame kept.
/// </summary>
public sealed class SyntheticSource : IFrameSource
{
    private readonly SyntheticScene _scene;
    private readonly Mat _canvas = new();
    private long _next;

    public SyntheticSource(int width, int height, double fps, int seed, bool realtime)
    {
        _scene = new SyntheticScene(width, height, fps, seed);
        Info = new SourceInfo("synthetic", width, height, PixelFormat.Bgr, fps, realtime, null, Paced: realtime);
    }

    public SourceInfo Info { get; }

    public SyntheticScene Scene => _scene;

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        _scene.Draw(_next, _canvas);
        MatFrames.CopyTo(_canvas, frame, _canvas);
        frame.Index = _next;
        frame.SourceTime = TimeSpan.FromSeconds(_next / Info.Fps);
        _next++;
        return true;
    }

    public void Dispose() => _canvas.Dispose();
}
