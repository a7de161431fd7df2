namespace LiveConv.App.Cli;

/// <summary>An option value that parses but makes no sense (a stride of 0, a ragged matrix): exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
