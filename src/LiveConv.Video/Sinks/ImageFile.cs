using OpenCvSharp;

namespace LiveConv.Video.Sinks;

/// <summary>An image written whole or not at all: encoded in memory by its extension, then through <see cref="PartialFile"/>.</summary>
public static class ImageFile
{
    /// <summary>The extensions OpenCV encodes here.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"];

    /// <exception cref="IOException">OpenCV cannot encode it, or the file cannot be written (nothing new is left).</exception>
    public static void Write(Mat image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);

        // Encoded in memory, then written by .NET: every write error, the last buffer's included, is thrown.
        if (!Cv2.ImEncode(Path.GetExtension(path), image, out byte[] encoded))
        {
            throw new IOException($"OpenCV could not encode the image '{path}'");
        }

        PartialFile.Write(path, stream => stream.Write(encoded));
    }
}
