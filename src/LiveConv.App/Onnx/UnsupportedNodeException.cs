namespace LiveConv.App.Onnx;

/// <summary>
/// A well-formed node that LiveConv has no layer for (an operator, an attribute value, a branch off the chain).
/// The import stops before it, or, when asked to go through it, says so with what did import.
/// </summary>
internal sealed class UnsupportedNodeException : Exception
{
    public UnsupportedNodeException(string reason)
        : base(reason)
    {
    }

    public UnsupportedNodeException()
    {
    }

    public UnsupportedNodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
