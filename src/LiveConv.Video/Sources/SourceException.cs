namespace LiveConv.Video.Sources;

/// <summary>A source cannot be opened or read; the message says which and, where it can, what to try.</summary>
public sealed class SourceException(string message, Exception? innerException = null) : Exception(message, innerException);
