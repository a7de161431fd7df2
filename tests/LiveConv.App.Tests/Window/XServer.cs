using System.Diagnostics;

namespace LiveConv.App.Tests.Window;

/// <summary>
/// A private Xvfb for one test, on a display number no other server holds, and the X tools run against it
/// (xdotool, xwd piped to ImageMagick's convert). Killed on dispose.
/// </summary>
internal sealed class XServer : IDisposable
{
    private readonly Process _xvfb;

    private XServer(int number, Process xvfb)
    {
        Display = $":{number}";
        _xvfb = xvfb;
    }

    public string Display { get; }

    public static XServer Start()
    {
        for (int number = 100 + Random.Shared.Next(400); ; number++)
        {
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                continue;
            }

            var xvfb = Process.Start(new ProcessStartInfo("Xvfb", [$":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("Xvfb did not start");
            _ = xvfb.StandardError.ReadToEndAsync();
            _ = xvfb.StandardOutput.ReadToEndAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < deadline && !xvfb.HasExited && !File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                Thread.Sleep(50);
            }

            if (!xvfb.HasExited)
            {
                return new XServer(number, xvfb);
            }

            // Another server took the number between the check and the start: try the next one.
        }
    }

    /// <summary>Runs an X tool on this display; its standard output.</summary>
    public string Tool(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DISPLAY"] = Display;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000);
        return output.Result;
    }

    /// <summary>The first window whose title contains <paramref name="title"/>, waiting for it to appear.</summary>
    public string WaitForWindow(string title, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string found = Tool("xdotool", "search", "--name", title).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (found.Length > 0)
            {
                return found;
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"no window titled '{title}' after {timeout.TotalSeconds} s");
    }

    /// <summary>The window's position and size on the screen.</summary>
    public (int X, int Y, int Width, int Height) Geometry(string window)
    {
        var values = Tool("xdotool", "getwindowgeometry", "--shell", window)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('='))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return (values["X"], values["Y"], values["WIDTH"], values["HEIGHT"]);
    }

    /// <summary>Focuses the window (there is no window manager to do it) and types the keys, X keysym names.</summary>
    public void Keys(string window, params string[] keys)
    {
        Tool("xdotool", "windowfocus", "--sync", window);
        foreach (string key in keys)
        {
            Tool("xdotool", "key", key);
        }
    }

    /// <summary>A left click at (x, y) inside the window.</summary>
    public void Click(string window, int x, int y) =>
        Tool("xdotool", "mousemove", "--window", window, x.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture), "click", "1");

    /// <summary>The whole screen as a PNG, the way the README's screenshot is made.</summary>
    public void Screenshot(string png)
    {
        string errors = "";
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var start = new ProcessStartInfo("bash", ["-c", $"set -o pipefail; xwd -root -silent | convert xwd:- '{png}'"]) { RedirectStandardError = true };
            start.Environment["DISPLAY"] = Display;
            using var process = Process.Start(start)!;
            errors = process.StandardError.ReadToEnd();
            process.WaitForExit(30_000);
            if (process.ExitCode == 0 && File.Exists(png))
            {
                return;
            }
        }

        throw new InvalidOperationException($"xwd | convert did not write {png}: {errors}");
    }

    public void Dispose()
    {
        if (!_xvfb.HasExited)
        {
            _xvfb.Kill();
            _xvfb.WaitForExit(5000);
        }

        _xvfb.Dispose();
    }
}
