using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Sources;

/// <summary>Where frames come from: a camera, a file, a folder, the synthetic scene.</summary>
public interface IFrameSource : IDisposable
{
    SourceInfo Info { get; }

    /// <summary>
    /// Fills <paramref name="frame"/> with the next frame (pixels, index, source time), blocking until it is there;
    /// false at the end.
    /// </summary>
    bool Read(Frame frame, CancellationToken cancellationToken);
}
