using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Frames;
using OpenCvSharp;

namespace LiveConv.Video.Window;

/// <summary>An OpenCV HighGUI window. Every call must come from the thread that created it (the main thread).</summary>
public sealed class OpenCvWindow : IWindow, IDisposable
{
    private readonly string _title;
    private bool _shown;

    public OpenCvWindow(string title)
    {
        _title = title;
        Cv2.NamedWindow(title, WindowFlags.AutoSize);
    }

    // A property query answers -1 once the window is gone; "visible" is not reported by every backend (GTK under
    // some window managers says 0 for a shown window), "autosize" is.
    public bool IsClosed => _shown && Cv2.GetWindowProperty(_title, WindowPropertyFlags.AutoSize) < 0;

    public void Show(Frame frame)
    {
        using var mosaic = MatFrames.Mosaic(frame);
        Cv2.ImShow(_title, mosaic);
        _shown = true;
    }

    public int PollKey(int milliseconds)
    {
        int key = Cv2.WaitKey(milliseconds);
        return key < 0 ? -1 : key & 0xFF;
    }

    public void Dispose() => Cv2.DestroyWindow(_title);
}
