namespace LiveConv.App.Cli;

/// <summary>What the process returns: scripts can tell a bad command line or config from a failure at run time.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeError = 1;
    public const int UsageError = 2;

    /// <summary>A batch ran to its end but some of its inputs failed; the others are done.</summary>
    public const int SomeFailed = 3;

    /// <summary>A batch was stopped (Ctrl+C, SIGTERM, SIGHUP) before every input was done: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
