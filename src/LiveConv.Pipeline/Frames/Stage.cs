namespace LiveConv.Pipeline.Frames;

/// <summary>The stages a frame goes through, in order.</summary>
public enum Stage
{
    Capture,
    Engine,
    Render,
    Sink,
}
