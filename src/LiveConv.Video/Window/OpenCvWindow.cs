using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Frames;
using OpenCvSharp;

namespace LiveConv.Video.Window;

/// <summary>An OpenCV HighGUI window. Every call must come from the thread that created it (the main thread).</summary>
public sealed class OpenCvWindow : IWindow, IDisposable
{
    private readonly string _title;
    // Kept in a field: native code holds the callback, the collector must not take it.
    private readonly MouseCallback _onMouse;
    private bool _shown;
    private (int X, int Y)? _click;

    public OpenCvWindow(string title)
    {
        _title = title;
        Cv2.NamedWindow(title, WindowFlags.AutoSize);
        _onMouse = (type, x, y, _, _) =>
        {
            // Runs inside WaitKeyEx, on this (the main) thread.
            if (type == MouseEventTypes.LButtonDown)
            {
                _click = (x, y);
            }
        };
        Cv2.SetMouseCallback(title, _onMouse);
    }

    public (int X, int Y)? TakeClick()
    {
        var click = _click;
        _click = null;
        return click;
    }

    // A property query answers -1 once the window is gone; "visible" is not reported by every backend (GTK under
    // some window managers says 0 for a shown window), "autosize" is.
    public bool IsClosed => _shown && Cv2.GetWindowProperty(_title, WindowPropertyFlags.AutoSize) < 0;

    public void Show(Frame frame, IReadOnlyList<string> overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        using var mosaic = MatFrames.Mosaic(frame);
        // Drawn on the window's copy only: snapshots and recordings keep the maps clean.
        using var shown = overlay.Count == 0 ? mosaic : DrawOverlay(mosaic, overlay);
        Cv2.ImShow(_title, shown);
        _shown = true;
    }

    public int PollKey(int milliseconds)
    {
        // WaitKey keeps only the low byte, which makes the arrows Q, R, S and T; WaitKeyEx has the whole code.
        int key = Cv2.WaitKeyEx(Math.Max(1, milliseconds));
        if (key < 0)
        {
            return -1;
        }

        return (key & 0xFFFF) is >= WindowKeys.Left and <= WindowKeys.Down ? key & 0xFFFF // GTK, Qt on X11: keysyms
            : (key >> 16) is >= 0x25 and <= 0x28 ? WindowKeys.Left + ((key >> 16) - 0x25) // Win32: virtual keys in the high word
            : key & 0xFF; // characters; Esc, Tab as X11 keysyms 0xFF1B, 0xFF09 keep their ASCII low byte
    }

    public void Dispose() => Cv2.DestroyWindow(_title);

    /// <summary>
    /// The lines in a band of their own under the mosaic, so they hide no tile (the input tile with a neuron's
    /// receptive field included) and clicks keep the mosaic's coordinates.
    /// </summary>
    private static Mat DrawOverlay(Mat mosaic, IReadOnlyList<string> lines)
    {
        const int line = 18, minWidth = 760;
        var shown = new Mat(mosaic.Rows + (lines.Count * line) + 8, Math.Max(mosaic.Cols, minWidth), mosaic.Type(), Scalar.All(0));
        using (var top = shown[new Rect(0, 0, mosaic.Cols, mosaic.Rows)])
        {
            mosaic.CopyTo(top);
        }

        for (int i = 0; i < lines.Count; i++)
        {
            Cv2.PutText(shown, lines[i], new Point(6, mosaic.Rows + ((i + 1) * line)), HersheyFonts.HersheySimplex, 0.45, new Scalar(80, 255, 255), 1, LineTypes.AntiAlias);
        }

        return shown;
    }
}
