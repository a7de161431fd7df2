using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Display;

/// <summary>The screen, behind a seam so the same loop runs with a real window or none. Main thread only.</summary>
public interface IWindow
{
    /// <summary>Shows the frame's mosaic and the <paramref name="overlay"/> lines (status, confirmations, help, a neuron's numbers).</summary>
    void Show(Frame frame, IReadOnlyList<string> overlay);

    /// <summary>Lets the window process events for up to <paramref name="milliseconds"/> (at least 1); the key pressed, or -1.</summary>
    int PollKey(int milliseconds);

    /// <summary>Where the user last clicked since the previous call (mosaic pixels), or null.</summary>
    (int X, int Y)? TakeClick();

    /// <summary>True once the user closed the window.</summary>
    bool IsClosed { get; }
}
