using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>
/// The codec for an output file, by its extension. This OpenCV build has no H.264 encoder on Linux, so: MPEG-4
/// part 2 (mp4v) for .mp4 and .mkv, Motion JPEG for .avi, FFV1 for a lossless .mkv.
/// </summary>
public static class VideoCodec
{
    public static IReadOnlyList<string> Extensions { get; } = [".mp4", ".mkv", ".avi"];

    /// <exception cref="ArgumentException">The extension is not one of <see cref="Extensions"/>.</exception>
    public static FourCC ForPath(string path, bool lossless = false)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".mkv" when lossless => FourCC.FromString("FFV1"),
            ".mp4" or ".mkv" when !lossless => FourCC.FromString("mp4v"),
            ".avi" when !lossless => FourCC.FromString("MJPG"),
            _ when lossless => throw new ArgumentException($"lossless output needs a .mkv file, got '{path}'"),
            _ => throw new ArgumentException($"cannot tell the video format of '{path}': use {string.Join(", ", Extensions)}"),
        };
    }
}
