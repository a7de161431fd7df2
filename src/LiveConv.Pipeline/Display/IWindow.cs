using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Display;

/// <summary>The screen, behind a seam so the same loop runs with a real window or none. Main thread only.</summary>
public interface IWindow
{
    /// <summary>Shows the frame's view, as the renderer drew it at <see cref="Size"/>; a frame without one is skipped.</summary>
    void Show(Frame frame);

    /// <summary>The size of the picture area (the window may have been resized): what the next views are drawn at.</summary>
    (int Width, int Height) Size { get; }

    /// <summary>Lets the window process events for up to <paramref name="milliseconds"/> (at least 1); the key pressed, or -1.</summary>
    int PollKey(int milliseconds);

    /// <summary>Where the user last clicked since the previous call (mosaic pixels), or null.</summary>
    (int X, int Y)? TakeClick();

    /// <summary>True once the user closed the window.</summary>
    bool IsClosed { get; }
}
