using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Fills a band of a padded input into a small float buffer: the rows a band of outputs needs, each with its border
/// (any padding mode), from the 8-bit frame (converted on the fly, so the full-size input is never materialized) or
/// from the previous stage's tensor (the input's per-channel normalization applies to the frame only, as y = x·a + b after the
/// scale). A zero border may hold another constant (a pad layer's value). Optionally sums the channels into one plane, for kernels that are the same on
/// every channel: padding maps indices the same way on every channel, so the sum of the padded planes is the padded sum.
/// For a horizontal stride s each row is stored as s column phases (columns p, p+s, p+2s, ... at phase p), so a strided
/// convolution still reads consecutive floats.
/// </summary>
internal sealed unsafe class BandFiller(
    Shape3 input, Borders borders, PaddingMode mode, float padValue, bool sumChannels, InputSpec spec, bool vectorize, int phases)
{
    private readonly (float Multiplier, float Offset)[] _normalization =
        spec.Normalizes ? Enumerable.Range(0, spec.Color.Channels()).Select(spec.Normalization).ToArray() : [];

    private byte* _frame;
    private int _frameStride;
    private PixelFormat _frameFormat;
    private float* _tensor;

    /// <summary>Planes in the buffer: 1 when summing, else the input's channels.</summary>
    public int Planes => sumChannels ? 1 : input.Channels;

    /// <summary>Columns of a padded row before any slack.</summary>
    public int PaddedWidth => input.Width + borders.Horizontal;

    public void UseFrame(byte* frame, int rowStride, PixelFormat format)
    {
        _frame = frame;
        _frameStride = rowStride;
        _frameFormat = format;
    }

    /// <summary>The source tensor's data, pinned by its owner for the runner's lifetime.</summary>
    public void UseTensor(float* data) => _tensor = data;

    /// <summary>Columns between phases of a row; the row stride is <c>phases</c> times this.</summary>
    public int PhaseStride(int slack) => (((PaddedWidth + phases - 1) / phases) + slack + 15) & ~15;

    /// <summary>Writes padded rows [firstRow, firstRow + rowCount) to the buffer's rows 0.. .</summary>
    /// <param name="rowScratch">With several phases: <see cref="Planes"/> rows of <see cref="PaddedWidth"/> to fill before splitting.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(float* buffer, int rowStride, int planeStride, int phaseStride, float* rowScratch, int firstRow, int rowCount)
    {
        for (int i = 0; i < rowCount; i++)
        {
            float* row = buffer + (i * rowStride);
            int y = firstRow + i - borders.Top;
            if (y < 0 || y >= input.Height)
            {
                if (mode == PaddingMode.Zeros)
                {
                    for (int p = 0; p < Planes; p++)
                    {
                        new Span<float>(row + (p * planeStride), phases == 1 ? PaddedWidth : rowStride).Fill(padValue);
                    }

                    continue;
                }

                y = Map(y, input.Height);
            }

            if (phases == 1)
            {
                FillPadded(row, planeStride, y);
                continue;
            }

            FillPadded(rowScratch, PaddedWidth, y);
            for (int p = 0; p < Planes; p++)
            {
                SplitPhases(rowScratch + (p * PaddedWidth), row + (p * planeStride), phaseStride);
            }
        }
    }

    /// <summary>
    /// One padded row into its column phases, phase by phase, so the column's phase and place need no division (a
    /// divide per value cost more than the stem convolution's taps); two phases (stride 2) sixteen pairs at a time with
    /// AVX-512, else four, as the scalar split cost most of the stem's band fill.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SplitPhases(float* from, float* to, int phaseStride)
    {
        int done = 0;
        if (phases == 2 && vectorize && Vector512.IsHardwareAccelerated)
        {
            float* odd = to + phaseStride;
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            var odds = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
            for (; (2 * done) + 32 <= PaddedWidth; done += 16)
            {
                Vector512<float> a = Vector512.Load(from + (2 * done)), b = Vector512.Load(from + (2 * done) + 16);
                Avx512F.PermuteVar16x32x2(a, even, b).Store(to + done);
                Avx512F.PermuteVar16x32x2(a, odds, b).Store(odd + done);
            }
        }

        if (phases == 2 && vectorize && Sse.IsSupported)
        {
            float* odd = to + phaseStride;
            for (; (2 * done) + 8 <= PaddedWidth; done += 4)
            {
                Vector128<float> a = Sse.LoadVector128(from + (2 * done)), b = Sse.LoadVector128(from + (2 * done) + 4);
                Sse.Store(to + done, Sse.Shuffle(a, b, 0b10_00_10_00));
                Sse.Store(odd + done, Sse.Shuffle(a, b, 0b11_01_11_01));
            }
        }

        for (int phase = 0; phase < phases; phase++)
        {
            float* dest = to + (phase * phaseStride);
            for (int q = (done * phases) + phase, k = done; q < PaddedWidth; q += phases, k++)
            {
                dest[k] = from[q];
            }
        }
    }

    /// <summary>One padded row of every plane, unsplit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillPadded(float* row, int planeStride, int y)
    {
        FillRow(row + borders.Left, planeStride, y);

        if (borders.Horizontal == 0)
        {
            return;
        }

        // Zero borders were cleared when the buffer was allocated and nothing else writes there; another constant is
        // written each time, as the phase split writes every column of the scratch row.
        if (mode == PaddingMode.Zeros)
        {
            if (padValue != 0f)
            {
                for (int p = 0; p < Planes; p++)
                {
                    new Span<float>(row + (p * planeStride), borders.Left).Fill(padValue);
                    new Span<float>(row + (p * planeStride) + borders.Left + input.Width, borders.Right).Fill(padValue);
                }
            }

            return;
        }

        for (int p = 0; p < Planes; p++)
        {
            float* r = row + (p * planeStride);
            for (int q = 0; q < borders.Left; q++)
            {
                r[q] = r[borders.Left + Map(q - borders.Left, input.Width)];
            }

            for (int q = borders.Left + input.Width; q < PaddedWidth; q++)
            {
                r[q] = r[borders.Left + Map(q - borders.Left, input.Width)];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillRow(float* dest, int planeStride, int y)
    {
        int w = input.Width;
        if (_tensor is null)
        {
            bool color = !sumChannels && spec.Color != PixelFormat.Gray;
            FrameRowConverter.Convert(
                _frame + ((long)y * _frameStride), w, _frameFormat, spec.Color, spec.Scale, sumChannels,
                dest, color ? dest + planeStride : null, color ? dest + (2 * planeStride) : null, vectorize);
            for (int c = 0; c < _normalization.Length; c++)
            {
                var (a, b) = _normalization[c];
                float* p = dest + ((long)c * planeStride);
                if (vectorize && Vector512.IsHardwareAccelerated)
                {
                    RowSteps.ScaleShiftRow<Vector512Ops, Vector512<float>>(p, w, a, b);
                }
                else if (vectorize)
                {
                    RowSteps.ScaleShiftRow<Vector128Ops, Vector128<float>>(p, w, a, b);
                }
                else
                {
                    RowSteps.ScaleShiftRow<ScalarOps, float>(p, w, a, b);
                }
            }

            return;
        }

        int plane = input.PlaneLength;
        float* src = _tensor + ((long)y * w);
        if (!sumChannels)
        {
            for (int c = 0; c < input.Channels; c++)
            {
                long bytes = (long)w * sizeof(float);
                Buffer.MemoryCopy(src + ((long)c * plane), dest + ((long)c * planeStride), bytes, bytes);
            }

            return;
        }

        new Span<float>(src, w).CopyTo(new Span<float>(dest, w));
        for (int c = 1; c < input.Channels; c++)
        {
            float* s = src + ((long)c * plane);
            for (int x = 0; x < w; x++)
            {
                dest[x] += s[x];
            }
        }
    }

    /// <summary>Where an index past the edge reads from (as the reference's X̃).</summary>
    private int Map(int i, int n) => mode switch
    {
        PaddingMode.Reflect => n == 1 ? 0 : i < 0 ? -i : i >= n ? (2 * (n - 1)) - i : i,
        PaddingMode.Replicate => Math.Clamp(i, 0, n - 1),
        _ => ((i % n) + n) % n,
    };
}
