using System.Globalization;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Video.Sinks;

/// <summary>
/// <c>index.csv</c> beside the files a run writes per frame (<c>--dump</c>'s .npy, snapshots): for each file, the source
/// frame's index and its timestamp in the source (<see cref="Frame.SourceTime"/>, the container's time for a video),
/// so maps can be matched to the video's frames although damage or a variable rate leaves gaps. Written as
/// <c>index.partial.csv</c>, one flushed line per file, and renamed when the run ends (<see cref="PartialFile"/>).
/// </summary>
public sealed class FrameIndex : IDisposable
{
    public const string FileName = "index.csv";
    private const string Header = "file,frame,pts_ms";

    private readonly string _path;
    private readonly StreamWriter _writer;
    private bool _abandoned;

    public FrameIndex(string directory)
    {
        _path = Path.Combine(directory, FileName);
        _writer = new StreamWriter(PartialFile.PathFor(_path)) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    /// <exception cref="IOException">The line could not be written (a full disk): the partial index is removed.</exception>
    public void Add(string file, Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_abandoned)
        {
            return;
        }

        try
        {
            _writer.WriteLine(Line(file, frame));
            _writer.Flush();
        }
        catch (IOException)
        {
            Abandon();
            throw;
        }
    }

    /// <summary>One more line in a folder's index, rewritten whole through its partial file (the window's s key).</summary>
    public static void Append(string directory, string file, Frame frame)
    {
        string path = Path.Combine(directory, FileName);
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : [Header];
        lines.Add(Line(file, frame));
        PartialFile.Write(path, stream =>
        {
            // leaveOpen: PartialFile syncs the stream to the disk after this, before it renames the file.
            using var writer = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
            lines.ForEach(writer.WriteLine);
        });
    }

    public void Dispose()
    {
        if (_abandoned)
        {
            return;
        }

        try
        {
            _writer.Dispose();
            File.Move(PartialFile.PathFor(_path), _path, overwrite: true);
        }
        catch (IOException)
        {
            Abandon();
            throw;
        }
    }

    /// <summary>A run whose index cannot be completed leaves none, rather than a partial one.</summary>
    private void Abandon()
    {
        _abandoned = true;
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // The buffered line that filled the disk is lost with the file.
        }

        File.Delete(PartialFile.PathFor(_path));
    }

    private static string Line(string file, Frame frame) =>
        string.Create(CultureInfo.InvariantCulture, $"{file},{frame.Index},{frame.SourceTime.TotalMilliseconds:0.###}");
}
