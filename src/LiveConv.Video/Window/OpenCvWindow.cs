using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Frames;
using OpenCvSharp;

namespace LiveConv.Video.Window;

/// <summary>
/// An OpenCV HighGUI window, resizable, opened at <see cref="ScreenShare"/> of the screen. The renderer draws each
/// view at the window's picture size (<see cref="Size"/>), so the window shows it pixel for pixel; this class only
/// copies it into an image made once per size and shows it. Every call must come from the thread that created it
/// (the main thread).
/// </summary>
public sealed class OpenCvWindow : IWindow, IDisposable
{
    /// <summary>How much of the screen the window takes when it opens.</summary>
    public const double ScreenShare = 0.85;

    private readonly string _title;
    // Kept in a field: native code holds the callback, the collector must not take it.
    private readonly MouseCallback _onMouse;
    private Mat _shown = new();
    private readonly nint _gtk;
    private bool _opened;
    private (int X, int Y)? _click;

    public OpenCvWindow(string title)
    {
        _title = title;
        // Normal (resizable) with a free ratio: the layout keeps the tiles' aspect, not the window.
        Cv2.NamedWindow(title, WindowFlags.Normal | WindowFlags.FreeRatio);
        var screen = GtkWindows.Screen() ?? (1280, 720);
        Size = ((int)(screen.Width * ScreenShare), (int)(screen.Height * ScreenShare));
        Cv2.ResizeWindow(title, Size.Width, Size.Height);
        _gtk = GtkWindows.Find(title);
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

    public (int Width, int Height) Size { get; private set; }

    public (int X, int Y)? TakeClick()
    {
        var click = _click;
        _click = null;
        return click;
    }

    // A property query answers -1 once the window is gone; "visible" is not reported by every backend (GTK under
    // some window managers says 0 for a shown window), "autosize" is.
    public bool IsClosed => _opened && Cv2.GetWindowProperty(_title, WindowPropertyFlags.AutoSize) < 0;

    public void Show(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        // A frame rendered before the window gave its size has no view: skipped, as the window would scale the mosaic.
        var (width, height, pixels) = (frame.ViewWidth, frame.ViewHeight, frame.ViewBuffer);
        if (width == 0)
        {
            return;
        }

        if (_shown.Width != width || _shown.Height != height)
        {
            _shown.Dispose();
            _shown = new Mat(height, width, MatType.CV_8UC3);
        }

        pixels.AsSpan(0, width * height * 3).CopyTo(_shown.AsSpan<byte>());
        Cv2.ImShow(_title, _shown);
        _opened = true;
    }

    public int PollKey(int milliseconds)
    {
        // WaitKey keeps only the low byte, which makes the arrows Q, R, S and T; WaitKeyEx has the whole code.
        int key = Cv2.WaitKeyEx(Math.Max(1, milliseconds));
        if (_opened && !IsClosed)
        {
            // OpenCV's own answer is the picture as it scaled it, in the old shape; GTK knows the window's.
            var (width, height) = _gtk != 0 ? GtkWindows.Size(_gtk) : ImageSize();
            if (width > 0 && height > 0)
            {
                Size = (width, height);
            }
        }

        if (key < 0)
        {
            return -1;
        }

        return (key & 0xFFFF) is >= WindowKeys.Left and <= WindowKeys.Down ? key & 0xFFFF // GTK, Qt on X11: keysyms
            : (key >> 16) is >= 0x25 and <= 0x28 ? WindowKeys.Left + ((key >> 16) - 0x25) // Win32: virtual keys in the high word
            : key & 0xFF; // characters; Esc, Tab as X11 keysyms 0xFF1B, 0xFF09 keep their ASCII low byte
    }

    public void Dispose()
    {
        Cv2.DestroyWindow(_title);
        _shown.Dispose();
    }

    private (int Width, int Height) ImageSize()
    {
        var rect = Cv2.GetWindowImageRect(_title);
        return (rect.Width, rect.Height);
    }
}
