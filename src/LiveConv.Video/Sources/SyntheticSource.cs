using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// The synthetic scene as a source. Real time: one frame per 1/fps, live (a slow pipeline drops, it never queues);
/// otherwise as fast as the pipeline takes them, every frame kept.
/// </summary>
public sealed class SyntheticSource : IFrameSource
{
    private readonly SyntheticScene _scene;
    private readonly Mat _canvas = new();
    private readonly TimeProvider _time;
    private long _started;
    private long _next;

    public SyntheticSource(int width, int height, double fps, int seed, bool realtime, TimeProvider? time = null)
    {
        _scene = new SyntheticScene(width, height, fps, seed);
        _time = time ?? TimeProvider.System;
        Info = new SourceInfo("synthetic", width, height, PixelFormat.Bgr, fps, realtime, null);
    }

    public SourceInfo Info { get; }

    public SyntheticScene Scene => _scene;

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var due = TimeSpan.FromSeconds(_next / Info.Fps);
        if (Info.IsLive)
        {
            if (_next == 0)
            {
                _started = _time.GetTimestamp();
            }

            var wait = due - _time.GetElapsedTime(_started);
            if (wait > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(wait))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        _scene.Draw(_next, _canvas);
        MatFrames.CopyTo(_canvas, frame, _canvas);
        frame.Index = _next;
        frame.SourceTime = due;
        _next++;
        return true;
    }

    public void Dispose() => _canvas.Dispose();
}
