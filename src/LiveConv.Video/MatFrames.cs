using System.Runtime.InteropServices;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using OpenCvSharp;

namespace LiveConv.Video;

/// <summary>Copies between OpenCV images and pooled frames, and wraps frame buffers as images without copying.</summary>
public static class MatFrames
{
    /// <summary>Copies a decoded image (gray, BGR or BGRA) into the frame; BGRA loses its alpha.</summary>
    public static void CopyTo(Mat image, Frame frame, Mat scratch)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(scratch);
        var source = image;
        if (image.Type() == MatType.CV_8UC4)
        {
            Cv2.CvtColor(image, scratch, ColorConversionCodes.BGRA2BGR);
            source = scratch;
        }
        else if (image.Type() != MatType.CV_8UC3 && image.Type() != MatType.CV_8UC1)
        {
            throw new NotSupportedException($"images of type {image.Type()} are not supported; 8-bit gray, BGR or BGRA are");
        }

        var format = source.Channels() == 1 ? PixelFormat.Gray : PixelFormat.Bgr;
        var pixels = frame.PreparePixels(source.Width, source.Height, format);
        int rowBytes = source.Width * source.Channels();
        if (source.IsContinuous())
        {
            source.AsSpan<byte>()[..pixels.Length].CopyTo(pixels);
            return;
        }

        int height = source.Height;
        if (format == PixelFormat.Gray)
        {
            var rows = source.AsRows<byte>();
            for (int y = 0; y < height; y++)
            {
                rows[y].CopyTo(pixels.Slice(y * rowBytes, rowBytes));
            }
        }
        else
        {
            var rows = source.AsRows<Vec3b>();
            for (int y = 0; y < height; y++)
            {
                MemoryMarshal.AsBytes(rows[y]).CopyTo(pixels.Slice(y * rowBytes, rowBytes));
            }
        }
    }

    /// <summary>The frame's mosaic as a BGR image over the same memory; valid while the frame is not reused.</summary>
    public static Mat Mosaic(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.MosaicWidth == 0)
        {
            throw new InvalidOperationException("the frame has no mosaic: no renderer ran");
        }

        return Mat.FromPixelData(frame.MosaicHeight, frame.MosaicWidth, MatType.CV_8UC3, frame.MosaicBuffer);
    }
}
