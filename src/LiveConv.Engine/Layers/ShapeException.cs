namespace LiveConv.Engine.Layers;

/// <summary>A layer cannot take an input of this shape (or its own settings contradict each other).</summary>
public sealed class ShapeException : Exception
{
    public ShapeException(string message)
        : base(message)
    {
    }

    public ShapeException()
    {
    }

    public ShapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
