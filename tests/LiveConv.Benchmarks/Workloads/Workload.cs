using LiveConv.Engine;
using LiveConv.Engine.Tensors;

namespace LiveConv.Benchmarks.Workloads;

/// <summary>A network and one frame to push through it, the same for every peer.</summary>
public sealed record Workload(string Id, string Title, Network Network, PixelFormat FrameFormat, byte[] Frame)
{
    public int Width => Network.Input.Width;

    public int Height => Network.Input.Height;

    public int RowStride => Width * FrameFormat.Channels();

    /// <summary>A deterministic frame with edges, corners and noise, so no peer gets a trivially sparse input.</summary>
    public static byte[] MakeFrame(int width, int height, PixelFormat format, int seed = 7)
    {
        int channels = format.Channels();
        var frame = new byte[width * height * channels];
        var random = new Random(seed);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool box = (x / 64 + y / 48) % 2 == 0;
                for (int c = 0; c < channels; c++)
                {
                    int v = (box ? 170 : 60) + (c * 20) + random.Next(-25, 26);
                    frame[((y * width) + x) * channels + c] = (byte)Math.Clamp(v, 0, 255);
                }
            }
        }

        return frame;
    }
}
