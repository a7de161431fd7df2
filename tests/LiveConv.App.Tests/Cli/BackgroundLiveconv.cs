using System.Diagnostics;
using System.Globalization;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// liveconv started and left running, for the tests that signal or kill it. Its output is read as it comes (a pipe
/// nobody reads would stall it). SIGINT and SIGHUP are put back to their defaults in it with <c>env
/// --default-signal</c>: a test run started from a background job or under nohup hands them on ignored, and a test
/// that sends them would then wait forever. Disposing it kills it if it still runs, so a failed test leaves nothing
/// behind.
/// </summary>
internal sealed class BackgroundLiveconv : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _err;

    private BackgroundLiveconv(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _err = process.StandardError.ReadToEndAsync();
    }

    public static BackgroundLiveconv Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        new(Process.Start(LiveconvProcess.StartInfo("env", workingDirectory, environment, ["--default-signal=INT,HUP,TERM", "dotnet", RepoPaths.LiveconvDll, .. args]))!);

    /// <summary>Sends a signal by name (INT, TERM, HUP), as kill(1) would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Its exit code and output once it has ended; the limit only keeps a liveconv that never stops from hanging the test.</summary>
    public (int Exit, string Out, string Err) WaitForExit()
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(120)), "liveconv did not stop");
        _process.WaitForExit();
        return (_process.ExitCode, _out.Result, _err.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
