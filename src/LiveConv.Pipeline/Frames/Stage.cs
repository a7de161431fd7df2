namespace LiveConv.Pipeline.Frames;

/// <summary>The stages a frame goes through, in order.</summary>
public enum Stage
{
    Capture,
    Engine,
    Render,
    Sink,

    /// <summary>From the sinks to the screen: the wait for the window and showing the frame.</summary>
    Display,
}
