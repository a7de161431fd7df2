using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using OpenCvSharp;

namespace LiveConv.App.Tests.Memory;

/// <summary>
/// A planted leak, to show that <see cref="MemoryGrowth"/> catches one: keeps one 1280x720 BGR frame buffer every
/// 100 frames, in managed memory (a byte array) or in native memory (an OpenCV image, as a forgotten Mat would).
/// </summary>
internal sealed class LeakingSink(bool native) : IFrameSink
{
    public const int Every = 100;
    public const int BufferBytes = 1280 * 720 * 3;
    private readonly List<byte[]> _managed = [];
    private readonly List<Mat> _native = [];

    public void Write(Frame frame)
    {
        if (frame.Index % Every != 0)
        {
            return;
        }

        if (native)
        {
            _native.Add(new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(frame.Index % 255)));
        }
        else
        {
            var buffer = new byte[BufferBytes];
            // Written, so its pages are resident as a real frame's would be.
            Array.Fill(buffer, (byte)(frame.Index % 255));
            _managed.Add(buffer);
        }
    }

    public void Dispose()
    {
        foreach (var mat in _native)
        {
            mat.Dispose();
        }
    }
}
