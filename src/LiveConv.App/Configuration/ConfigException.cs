namespace LiveConv.App.Configuration;

/// <summary>
/// A config file that cannot be used. The message is the whole one-line story for the user:
/// <c>file: json.path: what was expected</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException()
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
