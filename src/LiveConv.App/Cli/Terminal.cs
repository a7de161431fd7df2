using Spectre.Console;

namespace LiveConv.App.Cli;

/// <summary>The Spectre console for stdout: colors only on a terminal (and never with NO_COLOR), full width when piped.</summary>
public static class Terminal
{
    /// <summary>Wide enough that a piped table is never wrapped mid-number.</summary>
    public const int RedirectedWidth = 200;

    public static IAnsiConsole CreateConsole()
    {
        bool redirected = Console.IsOutputRedirected;
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected || noColor ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
