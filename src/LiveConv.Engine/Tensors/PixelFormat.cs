namespace LiveConv.Engine.Tensors;

/// <summary>Channel order of an interleaved 8-bit frame, or of a network's input tensor.</summary>
public enum PixelFormat
{
    /// <summary>One channel of luma.</summary>
    Gray,

    /// <summary>Blue, green, red: OpenCV's order.</summary>
    Bgr,

    /// <summary>Red, green, blue.</summary>
    Rgb,
}

public static class PixelFormatExtensions
{
    public static int Channels(this PixelFormat format) => format == PixelFormat.Gray ? 1 : 3;
}
