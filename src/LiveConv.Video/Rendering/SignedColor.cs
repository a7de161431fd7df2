using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>
/// The signed colormap: −1 bright blue, fading to black at 0, then to bright red at +1 (BGR), so zero is black like in
/// the other tiles and the sign is the hue.
/// </summary>
public static class SignedColor
{
    public static Vec3b Of(double t)
    {
        t = Math.Clamp(t, -1, 1);
        byte strong = (byte)Math.Round(255 * Math.Abs(t)), soft = (byte)Math.Round(96 * t * t);
        return t < 0 ? new Vec3b(strong, soft, 0) : new Vec3b(0, soft, strong);
    }
}
