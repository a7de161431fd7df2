namespace LiveConv.Engine;

/// <summary>A network that cannot be built: names the layer (0-based) when one is at fault.</summary>
public sealed class NetworkException : Exception
{
    public NetworkException(string message, int? layerIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        LayerIndex = layerIndex;
    }

    public NetworkException()
    {
    }

    public NetworkException(string message)
        : base(message)
    {
    }

    public NetworkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int? LayerIndex { get; }
}
