namespace LiveConv.Engine.Tensors;

/// <summary>
/// Turns an interleaved 8-bit frame into the network's CHW float input: channel reorder, luma when the network
/// wants gray from a color frame (ITU-R BT.601 weights, as OpenCV's BGR2GRAY), replication when it wants color
/// from a gray frame, and the scale. The plain version, one pixel at a time.
/// </summary>
public static class FrameConverter
{
    public const float LumaR = 0.299f;
    public const float LumaG = 0.587f;
    public const float LumaB = 0.114f;

    /// <param name="pixels">The frame, row after row, <paramref name="rowStride"/> bytes apart.</param>
    public static void Convert(
        ReadOnlySpan<byte> pixels, int width, int height, int rowStride, PixelFormat frameFormat,
        PixelFormat color, float scale, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int frameChannels = frameFormat.Channels();
        if (destination.Shape != new Shape3(color.Channels(), height, width))
        {
            throw new ArgumentException(
                $"Destination is {destination.Shape}, a {width}x{height} {color} input needs {color.Channels()}x{height}x{width}.",
                nameof(destination));
        }

        if (rowStride < width * frameChannels || pixels.Length < ((height - 1) * rowStride) + (width * frameChannels))
        {
            throw new ArgumentException($"The pixel buffer is too small for a {width}x{height} {frameFormat} frame.", nameof(pixels));
        }

        for (int y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowStride, width * frameChannels);
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = frameFormat switch
                {
                    PixelFormat.Gray => (row[x], row[x], row[x]),
                    PixelFormat.Bgr => (row[(3 * x) + 2], row[(3 * x) + 1], row[3 * x]),
                    _ => (row[3 * x], row[(3 * x) + 1], row[(3 * x) + 2]),
                };

                switch (color)
                {
                    case PixelFormat.Gray:
                        float luma = frameFormat == PixelFormat.Gray ? r : (LumaR * r) + (LumaG * g) + (LumaB * b);
                        destination[0, y, x] = luma * scale;
                        break;
                    case PixelFormat.Bgr:
                        destination[0, y, x] = b * scale;
                        destination[1, y, x] = g * scale;
                        destination[2, y, x] = r * scale;
                        break;
                    default:
                        destination[0, y, x] = r * scale;
                        destination[1, y, x] = g * scale;
                        destination[2, y, x] = b * scale;
                        break;
                }
            }
        }
    }

    /// <summary>The input's per-channel normalization, in place: x = (x − Mean[c]) / Std[c], after the scale.</summary>
    public static void Normalize(InputSpec spec, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!spec.Normalizes)
        {
            return;
        }

        for (int c = 0; c < tensor.Channels; c++)
        {
            float mean = spec.Mean?[c] ?? 0f, std = spec.Std?[c] ?? 1f;
            foreach (ref float x in tensor.Channel(c))
            {
                x = (x - mean) / std;
            }
        }
    }
}
