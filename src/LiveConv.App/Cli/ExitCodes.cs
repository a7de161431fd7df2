namespace LiveConv.App.Cli;

/// <summary>What the process returns: scripts can tell a bad command line or config from a failure at run time.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeError = 1;
    public const int UsageError = 2;
}
