namespace LiveConv.App.Configuration;

/// <summary>
/// A config file that cannot be used. The message is the whole one-line story for the user:
/// <c>file: json.path: what was expected</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(OneLine(message))
    {
    }

    public ConfigException()
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
    }

    /// <summary>
    /// Quoted user text (a string value, the JSON reader's excerpt of a broken literal) can hold line breaks;
    /// escape control characters so the message stays the promised single line.
    /// </summary>
    private static string OneLine(string message)
    {
        if (message is null || !message.Any(char.IsControl))
        {
            return message!;
        }

        var text = new System.Text.StringBuilder(message.Length + 8);
        foreach (char c in message)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
