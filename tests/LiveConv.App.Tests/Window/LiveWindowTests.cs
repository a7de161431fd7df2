using System.Diagnostics;
using System.Text;
using OpenCvSharp;

namespace LiveConv.App.Tests.Window;

/// <summary>
/// The real liveconv, on the synthetic scene, in a real (virtual) X server: what a person sees and types. Needs
/// Xvfb, xdotool, xwd and ImageMagick (.ci/deps.sh installs them).
/// </summary>
[Trait("Category", "X11")]
public class LiveWindowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void Window_ShowsTilesAndHud_KeysChangePoolingAndSnapshot_ClickLooksInsideANeuron_QQuitsWithExitZero()
    {
        using var x = XServer.Start();
        string work = Cli.LiveconvProcess.TempDirectory();
        using var app = LiveApp.Start(x.Display, work, "run", "--source", "synthetic", "--size", "640x360");

        string window = x.WaitForWindow("LiveConv", Patience);
        app.WaitForLine("live view", Patience);
        string shot = Path.Combine(work, "screen.png");
        var (left, top, width, height) = WaitForPicture(x, window, shot);

        using (var screen = Cv2.ImRead(shot))
        using (var mosaic = screen[new Rect(left, top, width, height)])
        {
            // The tiles: below the status lines drawn over the top, above the HUD band at the bottom.
            using var tiles = mosaic[new Rect(0, 60, width, Math.Max(1, (height / 2) - 60))];
            Cv2.MeanStdDev(tiles, out _, out var spread);
            Assert.True(spread.Val0 > 10, $"the tiles look blank (std dev {spread.Val0:F1})");

            // The HUD band: text is a few bright strokes on black.
            using var hud = mosaic[new Rect(0, height - 80, Math.Min(width, 500), 80)];
            using var gray = hud.CvtColor(ColorConversionCodes.BGR2GRAY);
            int bright = Cv2.CountNonZero(gray.Threshold(200, 255, ThresholdTypes.Binary));
            int dark = Cv2.CountNonZero(gray.Threshold(40, 255, ThresholdTypes.BinaryInv));
            Assert.True(bright > 100 && dark > 100, $"the HUD area has no text-like pixels ({bright} bright, {dark} dark)");
        }

        x.Keys(window, "m");
        Assert.Contains("avgpool2d", app.WaitForLine("pooling:", Patience));
        x.Keys(window, "m");
        Assert.Contains("maxpool2d", app.WaitForLine("pooling:", Patience, skip: 1));

        x.Keys(window, "s");
        app.WaitForLine("snapshot ", Patience);
        string snapshots = Path.Combine(work, "snapshots");
        Assert.Single(Directory.GetFiles(snapshots, "snapshot_*.png"));
        Assert.Single(Directory.GetFiles(snapshots, "snapshot_*.npy"));

        // The first tile is the first map (no input tile): a click there looks inside one of its neurons.
        x.Click(window, 100, 100);
        Assert.Matches(@"neuron L0 vertical at row \d+, col \d+: input rows -?\d+\.\.\d+, cols -?\d+\.\.\d+", app.WaitForLine("neuron L0", Patience));

        x.Keys(window, "q");
        Assert.Equal(0, app.WaitForExit(Patience));
    }

    [Fact]
    public void SavingTheConfig_ReloadsIt_ABrokenSaveIsReportedAndTheOldOneKeepsRunning()
    {
        using var x = XServer.Start();
        string work = Cli.LiveconvProcess.TempDirectory();
        string config = Path.Combine(work, "mine.json");
        string good = File.ReadAllText(Path.Combine(RepoPaths.Configs, "edges.json")).Replace("./liveconv.schema.json", "x.json", StringComparison.Ordinal);
        File.WriteAllText(config, good);
        using var app = LiveApp.Start(x.Display, work, "run", "--source", "synthetic", "--size", "320x180", "--config", config);
        string window = x.WaitForWindow("LiveConv", Patience);
        app.WaitForLine("live view", Patience);

        File.WriteAllText(config, good.Replace("\"layers\"", "\"layerz\"", StringComparison.Ordinal));
        Assert.Contains("mine.json", app.WaitForLine("kept the previous config:", Patience), StringComparison.Ordinal);

        File.WriteAllText(config, good.Replace("{ \"kernel\": \"laplacian\" }", "{ \"kernel\": \"laplacian\" }, { \"kernel\": \"outline\" }", StringComparison.Ordinal));
        app.WaitForLine("reloaded edges", Patience);

        x.Keys(window, "q");
        Assert.Equal(0, app.WaitForExit(Patience));
    }

    /// <summary>Screenshots until the window shows a drawn mosaic (its first frame takes a moment); its geometry.</summary>
    private static (int X, int Y, int Width, int Height) WaitForPicture(XServer x, string window, string shot)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var geometry = x.Geometry(window);
            x.Screenshot(shot);
            using var screen = Cv2.ImRead(shot);
            if (geometry.Width > 100 && geometry.Height > 100)
            {
                using var area = screen[new Rect(geometry.X, geometry.Y, geometry.Width, geometry.Height)];
                Cv2.MeanStdDev(area, out _, out var spread);
                if (spread.Val0 > 10)
                {
                    return geometry;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "the window never showed a picture");
            Thread.Sleep(500);
        }
    }

    /// <summary>liveconv as a child process whose output lines can be awaited.</summary>
    private sealed class LiveApp : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly StringBuilder _errors = new();

        private LiveApp(Process process) => _process = process;

        public static LiveApp Start(string display, string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(RepoPaths.LiveconvDll);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DISPLAY"] = display;
            start.Environment["NO_COLOR"] = "1";
            var app = new LiveApp(Process.Start(start)!);
            app._process.OutputDataReceived += (_, e) =>
            {
                lock (app._lines)
                {
                    if (e.Data is not null)
                    {
                        app._lines.Add(e.Data);
                    }
                }
            };
            app._process.ErrorDataReceived += (_, e) =>
            {
                lock (app._errors)
                {
                    app._errors.AppendLine(e.Data);
                }
            };
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            return app;
        }

        /// <summary>The (skip+1)th output line containing <paramref name="text"/>, waiting for it.</summary>
        public string WaitForLine(string text, TimeSpan timeout, int skip = 0)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_lines)
                {
                    var found = _lines.Where(l => l.Contains(text, StringComparison.Ordinal)).Skip(skip).FirstOrDefault();
                    if (found is not null)
                    {
                        return found;
                    }
                }

                if (_process.HasExited)
                {
                    Assert.Fail($"liveconv exited ({_process.ExitCode}) before printing '{text}': {Output()}");
                }

                Thread.Sleep(100);
            }

            throw new TimeoutException($"liveconv did not print '{text}' in {timeout.TotalSeconds} s: {Output()}");
        }

        public int WaitForExit(TimeSpan timeout)
        {
            Assert.True(_process.WaitForExit(timeout), $"liveconv did not exit: {Output()}");
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private string Output()
        {
            lock (_lines)
            {
                lock (_errors)
                {
                    return string.Join("\n", _lines) + "\n" + _errors;
                }
            }
        }
    }
}
