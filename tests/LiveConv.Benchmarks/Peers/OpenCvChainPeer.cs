using LiveConv.Benchmarks.Workloads;
using LiveConv.Engine.Tensors;
using OpenCvSharp;

namespace LiveConv.Benchmarks.Peers;

/// <summary>
/// OpenCV as an OpenCvSharp user would write the layer: Split, ConvertTo float, Filter2D per filter and channel,
/// Add, Threshold for ReLU, Dilate + nearest Resize for 2x2 max pooling; the frame cut into row bands (with the
/// kernel's halo) under Parallel.For, OpenCV itself single-threaded so the bands are the only parallelism.
/// </summary>
public sealed class OpenCvChainPeer(int threads) : IPeer
{
    private Workload? _workload;
    private ChainShape? _chain;
    private Mat[][] _kernels = [];
    private float[] _output = [];

    public string Name => "opencv-filter2d";

    public ReadOnlySpan<float> Output => _output;

    public void Prepare(Workload workload)
    {
        _workload = workload;
        _chain = ChainShape.From(workload.Network);
        int channels = workload.Network.InputShape.Channels;
        _kernels = _chain.Conv.Kernels.Select(k => Enumerable.Range(0, channels).Select(c =>
        {
            var m = new Mat(k.Height, k.Width, MatType.CV_32FC1);
            for (int r = 0; r < k.Height; r++)
            {
                for (int col = 0; col < k.Width; col++)
                {
                    m.Set(r, col, k.Weight(c, r, col));
                }
            }

            return m;
        }).ToArray()).ToArray();
        _output = new float[workload.Network.OutputShape.Length];
    }

    public void Run()
    {
        var w = _workload!;
        Cv2.SetNumThreads(1);
        using var frame = Mat.FromPixelData(w.Height, w.Width, w.FrameFormat == PixelFormat.Gray ? MatType.CV_8UC1 : MatType.CV_8UC3, w.Frame);

        // Bands of conv rows, even-sized so 2x2 pooling never straddles two bands.
        int bandRows = ((w.Height / threads) + 1) & ~1;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, band =>
        {
            int r0 = band * bandRows, r1 = Math.Min(w.Height, r0 + bandRows);
            if (r0 < r1)
            {
                RunBand(frame, r0, r1);
            }
        });
    }

    public void Dispose()
    {
        foreach (var m in _kernels.SelectMany(k => k))
        {
            m.Dispose();
        }
    }

    private void RunBand(Mat frame, int r0, int r1)
    {
        var w = _workload!;
        var chain = _chain!;
        var b = chain.Conv.Borders;
        int top = Math.Max(0, r0 - b.Top), bottom = Math.Min(w.Height, r1 + b.Bottom);
        using var slice = frame.RowRange(top, bottom);
        var planes = Cv2.Split(slice);
        try
        {
            foreach (var p in planes)
            {
                p.ConvertTo(p, MatType.CV_32F, w.Network.Input.Scale);
            }

            for (int k = 0; k < _kernels.Length; k++)
            {
                using var sum = new Mat(bottom - top, w.Width, MatType.CV_32FC1, new Scalar(chain.Conv.Kernels[k].Bias));
                using var filtered = new Mat();
                for (int c = 0; c < planes.Length; c++)
                {
                    Cv2.Filter2D(planes[c], filtered, MatType.CV_32F, _kernels[k][c], new Point(b.Left, b.Top), 0, BorderTypes.Constant);
                    Cv2.Add(sum, filtered, sum);
                }

                using var rows = sum.RowRange(r0 - top, r1 - top);
                if (chain.Relu)
                {
                    Cv2.Threshold(rows, rows, 0, 0, ThresholdTypes.Tozero);
                }

                if (chain.MaxPool2x2)
                {
                    using var dilated = new Mat();
                    using var element = Mat.Ones(2, 2, MatType.CV_8UC1).ToMat();
                    Cv2.Dilate(rows, dilated, element, new Point(0, 0), 1, BorderTypes.Replicate);
                    using var pooled = new Mat();
                    Cv2.Resize(dilated, pooled, new Size(w.Width / 2, (r1 - r0) / 2), 0, 0, InterpolationFlags.Nearest);
                    Store(pooled, k, r0 / 2);
                }
                else
                {
                    Store(rows, k, r0);
                }
            }
        }
        finally
        {
            foreach (var p in planes)
            {
                p.Dispose();
            }
        }
    }

    private void Store(Mat rows, int channel, int firstRow)
    {
        var shape = _workload!.Network.OutputShape;
        int count = rows.Rows;
        for (int r = 0; r < count; r++)
        {
            unsafe
            {
                new ReadOnlySpan<float>((void*)rows.Ptr(r), shape.Width)
                    .CopyTo(_output.AsSpan(((channel * shape.Height) + firstRow + r) * shape.Width));
            }
        }
    }
}
