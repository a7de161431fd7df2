using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// Still images as frames: one image file, or every image of a folder in name order; with loop, over and over.
/// Every image must have the first one's size, since the network's shapes follow the frame size.
/// </summary>
public sealed class ImageSequenceSource : IFrameSource
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm"];
    private readonly string[] _paths;
    private readonly bool _loop;
    private readonly Mat _scratch = new();
    private long _next;

    private ImageSequenceSource(string name, string[] paths, bool loop, double fps)
    {
        _paths = paths;
        _loop = loop;
        using var first = Load(paths[0]);
        Info = new SourceInfo(name, first.Width, first.Height, first.Channels() == 1 ? PixelFormat.Gray : PixelFormat.Bgr,
            fps, false, loop ? null : paths.Length);
    }

    public SourceInfo Info { get; }

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static ImageSequenceSource FromFile(string path, bool loop, double fps)
    {
        if (!File.Exists(path))
        {
            throw new SourceException($"image file '{path}' does not exist");
        }

        return new ImageSequenceSource(Path.GetFileName(path), [path], loop, fps);
    }

    public static ImageSequenceSource FromFolder(string folder, bool loop, double fps)
    {
        var paths = Directory.EnumerateFiles(folder).Where(IsImage).Order(StringComparer.Ordinal).ToArray();
        if (paths.Length == 0)
        {
            throw new SourceException($"folder '{folder}' has no images ({string.Join(", ", Extensions)})");
        }

        return new ImageSequenceSource(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) + "/", paths, loop, fps);
    }

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_loop && _next >= _paths.Length)
        {
            return false;
        }

        string path = _paths[_next % _paths.Length];
        using var image = Load(path);
        if (image.Width != Info.Width || image.Height != Info.Height)
        {
            throw new SourceException($"'{path}' is {image.Width}x{image.Height}, the first image was {Info.Width}x{Info.Height}; all must have one size");
        }

        MatFrames.CopyTo(image, frame, _scratch);
        frame.Index = _next;
        frame.SourceTime = TimeSpan.FromSeconds(_next / Info.Fps);
        _next++;
        return true;
    }

    public void Dispose() => _scratch.Dispose();

    private static Mat Load(string path)
    {
        var image = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (image.Empty())
        {
            image.Dispose();
            throw new SourceException($"OpenCV could not read '{path}' as an image (not an image, or damaged)");
        }

        if (image.Depth() == MatType.CV_16U)
        {
            // 16-bit PNG/TIFF (depth maps, scientific cameras): the frame is 8-bit, so keep the high byte's range.
            using var wide = image;
            image = new Mat();
            wide.ConvertTo(image, MatType.MakeType(MatType.CV_8U, wide.Channels()), 1.0 / 257);
        }

        if (image.Depth() != MatType.CV_8U)
        {
            int depth = image.Depth();
            image.Dispose();
            throw new SourceException($"'{path}' has {depth switch { MatType.CV_32F => "32-bit float", MatType.CV_64F => "64-bit float", _ => "signed" }} pixels; liveconv reads 8- and 16-bit images");
        }

        return image;
    }
}
