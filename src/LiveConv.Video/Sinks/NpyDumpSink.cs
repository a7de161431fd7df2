using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;

namespace LiveConv.Video.Sinks;

/// <summary>
/// Raw feature maps, one .npy per frame, frame_000000.npy, frame_000001.npy, … numbered by source frame; each written as
/// its .partial.npy first (<see cref="PartialFile"/>), so a file under its final name is always complete. Each file's
/// frame index and source timestamp go to <c>index.csv</c> beside them (<see cref="FrameIndex"/>).
/// </summary>
public sealed class NpyDumpSink : IFrameSink
{
    private readonly string _directory;
    private readonly FrameIndex _index;
    private byte[] _header = [];
    private Shape3 _headerShape;

    public NpyDumpSink(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _index = new FrameIndex(directory);
    }

    public static string FileName(long index) => $"frame_{index:D6}.npy";

    /// <summary>Files written so far.</summary>
    public long FilesWritten { get; private set; }

    public void Write(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var maps = frame.Maps ?? throw new InvalidOperationException("the frame has no feature maps: the engine did not run");
        if (maps.Shape != _headerShape || _header.Length == 0)
        {
            _header = NpyWriter.Header(maps.Shape);
            _headerShape = maps.Shape;
        }

        NpyWriter.Save(Path.Combine(_directory, FileName(frame.Index)), maps, _header);
        FilesWritten++;
        _index.Add(FileName(frame.Index), frame);
    }

    /// <summary>Each .npy is complete, under its final name, when Write returns; the index gets its name now.</summary>
    public void Dispose() => _index.Dispose();
}
