using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// One row of an interleaved 8-bit frame to float rows: the network's channels in its order (scaled), their sum
/// (for kernels that are the same on every channel), or BT.601 luma. Same arithmetic as <see cref="FrameConverter"/>;
/// 16 pixels per step with byte shuffles, then a scalar tail.
/// </summary>
internal static unsafe class FrameRowConverter
{
    // pshufb masks that pick channel k of 16 interleaved 3-byte pixels out of each of the three 16-byte loads (255 → 0).
    private static readonly Vector128<byte>[] Deinterleave = BuildMasks();

    /// <param name="dest0">The first of three rows for a color network; the only one for gray or for the channel sum.</param>
    // Hot from the first frame: fully optimized at once, not after a few hundred frames in the slower tiers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Convert(
        byte* src, int width, PixelFormat frameFormat, PixelFormat color, float scale, bool sum, float* dest0, float* dest1, float* dest2, bool vectorize)
    {
        int x = 0;
        if (frameFormat == PixelFormat.Gray)
        {
            // Gray to color replicates the value, so the sum is three times it.
            float s = color != PixelFormat.Gray && sum ? 3f * scale : scale;
            bool replicate = color != PixelFormat.Gray && !sum;
            if (vectorize && Vector128.IsHardwareAccelerated)
            {
                var vs = Vector128.Create(s);
                for (; x <= width - 16; x += 16)
                {
                    var (a, b, c, d) = ToFloats(Vector128.Load(src + x));
                    Store(a * vs, b * vs, c * vs, d * vs, dest0 + x);
                    if (replicate)
                    {
                        Store(a * vs, b * vs, c * vs, d * vs, dest1 + x);
                        Store(a * vs, b * vs, c * vs, d * vs, dest2 + x);
                    }
                }
            }

            for (; x < width; x++)
            {
                float v = src[x] * s;
                dest0[x] = v;
                if (replicate)
                {
                    dest1[x] = v;
                    dest2[x] = v;
                }
            }

            return;
        }

        // Frame channel index of the network's red and blue (green is 1 in both orders).
        int redAt = frameFormat == PixelFormat.Rgb ? 0 : 2, blueAt = 2 - redAt;
        bool sameOrder = frameFormat == color;
        if (vectorize && Vector128.IsHardwareAccelerated)
        {
            var vs = Vector128.Create(scale);
            var m = Deinterleave;
            Vector128<byte> m00 = m[0], m01 = m[1], m02 = m[2], m10 = m[3], m11 = m[4], m12 = m[5], m20 = m[6], m21 = m[7], m22 = m[8];
            for (; x <= width - 16; x += 16)
            {
                byte* p = src + (3 * x);
                Vector128<byte> l0 = Vector128.Load(p), l1 = Vector128.Load(p + 16), l2 = Vector128.Load(p + 32);
                var ch0 = Shuffle(l0, m00) | Shuffle(l1, m01) | Shuffle(l2, m02);
                var ch1 = Shuffle(l0, m10) | Shuffle(l1, m11) | Shuffle(l2, m12);
                var ch2 = Shuffle(l0, m20) | Shuffle(l1, m21) | Shuffle(l2, m22);
                if (sum)
                {
                    var (lo0, hi0) = Vector128.Widen(ch0);
                    var (lo1, hi1) = Vector128.Widen(ch1);
                    var (lo2, hi2) = Vector128.Widen(ch2);
                    var (a, b) = Widen(lo0 + lo1 + lo2);
                    var (c, d) = Widen(hi0 + hi1 + hi2);
                    Store(a * vs, b * vs, c * vs, d * vs, dest0 + x);
                }
                else if (color == PixelFormat.Gray)
                {
                    var (r0, r1, r2, r3) = ToFloats(redAt == 0 ? ch0 : ch2);
                    var (g0, g1, g2, g3) = ToFloats(ch1);
                    var (b0, b1, b2, b3) = ToFloats(redAt == 0 ? ch2 : ch0);
                    Store(Luma(r0, g0, b0) * vs, Luma(r1, g1, b1) * vs, Luma(r2, g2, b2) * vs, Luma(r3, g3, b3) * vs, dest0 + x);
                }
                else
                {
                    StoreScaled(ch0, vs, sameOrder ? dest0 + x : dest2 + x);
                    StoreScaled(ch1, vs, dest1 + x);
                    StoreScaled(ch2, vs, sameOrder ? dest2 + x : dest0 + x);
                }
            }
        }

        for (; x < width; x++)
        {
            byte* p = src + (3 * x);
            if (sum)
            {
                dest0[x] = (p[0] + p[1] + p[2]) * scale;
            }
            else if (color == PixelFormat.Gray)
            {
                float r = p[redAt], g = p[1], b = p[blueAt];
                dest0[x] = ((FrameConverter.LumaR * r) + (FrameConverter.LumaG * g) + (FrameConverter.LumaB * b)) * scale;
            }
            else
            {
                dest0[x] = p[sameOrder ? 0 : 2] * scale;
                dest1[x] = p[1] * scale;
                dest2[x] = p[sameOrder ? 2 : 0] * scale;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Luma(Vector128<float> r, Vector128<float> g, Vector128<float> b) =>
        (Vector128.Create(FrameConverter.LumaR) * r) + (Vector128.Create(FrameConverter.LumaG) * g) + (Vector128.Create(FrameConverter.LumaB) * b);

    // The masks only hold 0..15 or 255, where pshufb and the portable shuffle agree.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Shuffle(Vector128<byte> v, Vector128<byte> mask) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(v, mask) : Vector128.Shuffle(v, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float>, Vector128<float>) Widen(Vector128<ushort> v)
    {
        var (lo, hi) = Vector128.Widen(v);
        return (Vector128.ConvertToSingle(lo.AsInt32()), Vector128.ConvertToSingle(hi.AsInt32()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float>, Vector128<float>, Vector128<float>, Vector128<float>) ToFloats(Vector128<byte> v)
    {
        var (lo, hi) = Vector128.Widen(v);
        var (a, b) = Widen(lo);
        var (c, d) = Widen(hi);
        return (a, b, c, d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled(Vector128<byte> v, Vector128<float> scale, float* dest)
    {
        // One widening to 16 ints instead of six 128-bit unpacks, and one convert, multiply and store instead of four.
        if (Vector512.IsHardwareAccelerated)
        {
            (Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(v)) * Vector512.Create(scale.ToScalar())).Store(dest);
            return;
        }

        var (a, b, c, d) = ToFloats(v);
        Store(a * scale, b * scale, c * scale, d * scale, dest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d, float* dest)
    {
        a.Store(dest);
        b.Store(dest + 4);
        c.Store(dest + 8);
        d.Store(dest + 12);
    }

    private static Vector128<byte>[] BuildMasks()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> m = stackalloc byte[16];
        for (int channel = 0; channel < 3; channel++)
        {
            for (int load = 0; load < 3; load++)
            {
                for (int lane = 0; lane < 16; lane++)
                {
                    int at = (3 * lane) + channel - (16 * load);
                    m[lane] = at is >= 0 and < 16 ? (byte)at : (byte)255;
                }

                masks[(3 * channel) + load] = Vector128.Create<byte>(m);
            }
        }

        return masks;
    }
}
