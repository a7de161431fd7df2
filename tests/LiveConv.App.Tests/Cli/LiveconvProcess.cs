using System.Diagnostics;

namespace LiveConv.App.Tests.Cli;

/// <summary>Runs the built liveconv as a child process with a chosen environment; the run tests need DISPLAY set or not.</summary>
internal static class LiveconvProcess
{
    public static (int Exit, string Out, string Err) Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunProgram("dotnet", workingDirectory, environment, [RepoPaths.LiveconvDll, .. args]);

    /// <summary>Waits until <paramref name="condition"/> holds (files written by a child process), failing after two minutes.</summary>
    public static void WaitUntil(Func<bool> condition, string what)
    {
        // A limit only so that a broken run fails the test instead of hanging it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 120 s for {what}");
            Thread.Sleep(50);
        }
    }

    public static (int Exit, string Out, string Err) RunProgram(
        string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(program, workingDirectory, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 120 s");
        }

        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n", StringComparison.Ordinal), stderr.Result.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public static ProcessStartInfo StartInfo(string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Frames in a video as ffprobe decodes them.</summary>
    public static int CountFrames(string video)
    {
        var probe = Process.Start(new ProcessStartInfo("ffprobe",
            ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video])
        {
            RedirectStandardOutput = true,
        })!;
        string counted = probe.StandardOutput.ReadToEnd().Trim();
        probe.WaitForExit();
        Assert.Equal(0, probe.ExitCode);
        return int.Parse(counted, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="path"/> holds at least <paramref name="bytes"/>: a recording has frames in it.</summary>
    public static void WaitForGrowth(string path, long bytes) =>
        WaitUntil(() => File.Exists(path) && new FileInfo(path).Length >= bytes, $"{path} to reach {bytes} bytes");

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "liveconv-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
