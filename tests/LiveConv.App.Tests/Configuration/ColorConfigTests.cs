using LiveConv.App.Configuration;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Configuration;

public class ColorConfigTests
{
    /// <summary>An 8x8 BGR image whose left half is one color and right half another.</summary>
    private static byte[] Halves((byte B, byte G, byte R) left, (byte B, byte G, byte R) right)
    {
        var pixels = new byte[8 * 8 * 3];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                var (b, g, r) = x < 4 ? left : right;
                int at = ((y * 8) + x) * 3;
                (pixels[at], pixels[at + 1], pixels[at + 2]) = (b, g, r);
            }
        }

        return pixels;
    }

    private static float Peak(byte[] pixels, int map)
    {
        var network = ConfigLoader.Load(Path.Combine(RepoPaths.Configs, "color.json")).Network.WithInputSize(8, 8);
        var maps = ReferenceEngine.Run(network, pixels, PixelFormat.Bgr)[^1];
        return maps.Data.Skip(map * 64).Take(64).Max();
    }

    [Fact]
    public void RedGreenEdge_FiresTheRedGreenKernel()
    {
        var pixels = Halves((0, 0, 200), (0, 200, 0));
        Assert.True(Peak(pixels, map: 0) > 1f);
    }

    [Fact]
    public void GrayEdge_LeavesTheColorKernelsSilentButNotLuminance()
    {
        var pixels = Halves((30, 30, 30), (220, 220, 220));
        for (int map = 0; map < 4; map++)
        {
            Assert.Equal(0f, Peak(pixels, map), 4);
        }

        Assert.True(Peak(pixels, map: 4) > 1f);
    }
}
