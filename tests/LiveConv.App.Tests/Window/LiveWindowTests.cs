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
        string work = Cli.LiveconvProcess.TempDirectory();
        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "640x360");
        var (x, app, window) = (live.X, live.App, live.Window);
        string shot = Path.Combine(work, "screen.png");
        var (left, top, width, height) = WaitForPicture(x, window, shot);

        (int X, int Y) firstTile;
        using (var screen = Cv2.ImRead(shot))
        using (var view = screen[new Rect(left, top, width, height)])
        {
            // The tiles, left of the HUD panel.
            using var tiles = view[Grid(view)];
            Cv2.MeanStdDev(tiles, out _, out var spread);
            Assert.True(spread.Val0 > 10, $"the tiles look blank (std dev {spread.Val0:F1})");

            // The HUD panel: text is a few bright strokes on dark gray.
            using var hud = view[Panel(view)];
            using var gray = hud.CvtColor(ColorConversionCodes.BGR2GRAY);
            int bright = Cv2.CountNonZero(gray.Threshold(200, 255, ThresholdTypes.Binary));
            int dark = Cv2.CountNonZero(gray.Threshold(40, 255, ThresholdTypes.BinaryInv));
            Assert.True(bright > 100 && dark > 100, $"the HUD panel has no text-like pixels ({bright} bright, {dark} dark)");
            firstTile = LabelStrips(view).First();
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

        // The first tile is the first map (no input tile): a click under its label looks inside one of its neurons.
        x.Click(window, firstTile.X + 20, firstTile.Y + Video.Rendering.MosaicLayout.LabelHeight + 20);
        Assert.Matches(@"neuron L0 vertical at row \d+, col \d+: input rows -?\d+\.\.\d+, cols -?\d+\.\.\d+", app.WaitForLine("neuron L0", Patience));

        live.Quit();
    }

    [Fact]
    public void SavingTheConfig_ReloadsIt_ABrokenSaveIsReportedAndTheOldOneKeepsRunning()
    {
        string work = Cli.LiveconvProcess.TempDirectory();
        string config = Path.Combine(work, "mine.json");
        string good = File.ReadAllText(Path.Combine(RepoPaths.Configs, "edges.json")).Replace("./liveconv.schema.json", "x.json", StringComparison.Ordinal);
        File.WriteAllText(config, good);
        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "320x180", "--config", config);
        var (x, app, window) = (live.X, live.App, live.Window);

        File.WriteAllText(config, good.Replace("\"layers\"", "\"layerz\"", StringComparison.Ordinal));
        Assert.Contains("mine.json", app.WaitForLine("kept the previous config:", Patience), StringComparison.Ordinal);

        File.WriteAllText(config, good.Replace("{ \"kernel\": \"laplacian\" }", "{ \"kernel\": \"laplacian\" }, { \"kernel\": \"outline\" }", StringComparison.Ordinal));
        app.WaitForLine("reloaded edges", Patience);

        live.Quit();
    }

    [Fact]
    public void EveryKey_ChangesWhatTheWindowShowsOrWrites()
    {
        string work = Cli.LiveconvProcess.TempDirectory();
        // Digits pick from the --config file's folder: 1 seed-lines, 2 stack.
        string configs = Path.Combine(work, "my-configs");
        Directory.CreateDirectory(configs);
        foreach (string name in new[] { "seed-lines.json", "stack.json", "liveconv.schema.json" })
        {
            File.Copy(Path.Combine(RepoPaths.Configs, name), Path.Combine(configs, name));
        }

        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "320x180", "--config", Path.Combine(configs, "seed-lines.json"));
        var (x, app, window) = (live.X, live.App, live.Window);
        string shot = Path.Combine(work, "screen.png");
        WaitForPicture(x, window, shot);
        // Each key is confirmed by one log line (the HUD shows the same line).
        string Press(string key, string confirmation)
        {
            int before = app.Count("liveconv: ");
            x.Keys(window, key);
            string line = app.WaitForLine("liveconv: ", Patience, skip: before);
            Assert.Contains(confirmation, line, StringComparison.Ordinal);
            return line;
        }

        // h: the help, with the digits' configs, adds lines to the HUD panel.
        int withoutHelp = PanelText(x, window, shot) ?? throw new Xunit.Sdk.XunitException("no HUD panel in the window");
        Press("h", "help shown");
        WaitForScreen(x, window, shot, _ => PanelText(x, window, shot) is { } text && text > withoutHelp * 1.3, "the help did not add lines to the HUD panel");
        Press("h", "help hidden");

        // x: the map's stages, z in the signed colormap: blue and red pixels where gray was all there was.
        Assert.Equal(0, Colored(x, window, shot));
        Press("x", "stages of vertical: z -> relu(z) -> maxpool2d 2x2");
        WaitForScreen(x, window, shot, _ => Colored(x, window, shot) > 20, "no signed colors in the stages");
        Press("x", "stages off");
        WaitForScreen(x, window, shot, _ => Colored(x, window, shot) == 0, "the stages stayed");

        // c, n: colormap and normalization.
        Press("c", "colormap inferno");
        WaitForScreen(x, window, shot, _ => Colored(x, window, shot) > 20, "inferno left the maps gray");
        Press("n", "normalization global");

        // z: one map over the whole width; o: the input tile beside it, under a heat map in the chosen colormap.
        // Jet, whose low end is blue, tints the whole tile (inferno's is black, like a map that does not respond).
        Press("c", "colormap viridis");
        Press("c", "colormap jet");
        int tilesBefore = LabelCount(x, window, shot);
        Press("z", "zoom on vertical");
        WaitForScreen(x, window, shot, _ => LabelCount(x, window, shot) == 1, "zoom did not leave one map");
        Press("o", "overlay vertical on the input");
        WaitForScreen(x, window, shot, _ => Colored(x, window, shot) > 20_000, "no heat map over the input tile");
        Press("o", "overlay off");
        Press("z", "zoom off");
        WaitForScreen(x, window, shot, _ => LabelCount(x, window, shot) == tilesBefore, "zoom did not end");

        // Tab: layer 0, before pooling: twice the maps' size. +, -: stride 2 halves them. p: same padding, which
        // refuses stride 2, then valid.
        // The window keeps its size: the maps' shape shows in their tiles' labels and the HUD's layer lines.
        Press("Tab", "showing layer 0 (conv2d)");
        Press("plus", "stride: L0 stride 2 padding 1");
        Press("minus", "stride: L0 stride 1 padding 1");
        Press("p", "padding: L0 stride 1 padding same");
        Press("plus", "kept the previous network");
        Press("p", "padding: L0 stride 1 padding valid");
        Assert.Contains("leaky_relu", Press("r", "activation: "));

        // space: the picture stands still until space again.
        Press("space", "paused");
        // Frames already on their way are still shown: the picture has settled once screenshots agree, and stays.
        using (var first = Settled(x, window, shot))
        {
            for (int i = 0; i < 3; i++)
            {
                using var again = Tiles(x, window, shot);
                Assert.Equal(0, Cv2.CountNonZero(Difference(first, again)));
            }

            Press("space", "resumed");
            // Moving again: two screenshots in a row differ. Not compared with the paused picture, which on a busy
            // machine may still be a frame from before the last key, whose maps had another size.
            Mat? previous = null;
            WaitForScreen(x, window, shot, _ =>
            {
                var now = Tiles(x, window, shot);
                bool moved = previous is not null && previous.Size() == now.Size() && Cv2.CountNonZero(Difference(previous, now)) > 0;
                previous?.Dispose();
                previous = now;
                return moved;
            }, "the picture did not move again");
            previous?.Dispose();
        }

        // Digits: the second config of the folder, then the first again.
        Press("2", "config stack: ");
        Press("1", "config seed-lines: ");

        // v: a recording, a new file, as many frames as the stop message says.
        string recordingTo = Press("v", "recording to ");
        // Frames are in the file once it passes its header; 20 KB of a 320x180 mosaic are a few dozen.
        string recordingPath = recordingTo[(recordingTo.IndexOf("recording to ", StringComparison.Ordinal) + "recording to ".Length)..];
        Cli.LiveconvProcess.WaitForGrowth(Path.Combine(work, Video.Sinks.PartialFile.PathFor(recordingPath)), 20_000);
        var stopped = System.Text.RegularExpressions.Regex.Match(Press("v", "recording stopped: "), @"recording stopped: (\d+) frames in (.+\.mkv)");
        Assert.True(stopped.Success, "the stop message names no frames and file");
        string recording = Path.Combine(work, stopped.Groups[2].Value);
        using (var video = new VideoCapture(recording))
        {
            Assert.True(video.IsOpened(), $"{recording} does not open");
            int frames = 0;
            using var picture = new Mat();
            while (video.Read(picture) && !picture.Empty())
            {
                frames++;
            }

            Assert.True(frames > 0, "the recording has no frames");
            Assert.Equal(int.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), frames);
        }

        live.Quit();
    }

    [Fact]
    public void KeyF_OpensTheFiltersOfTheDisplayedConvolutionInTheirOwnWindow_AndClosesThem()
    {
        string work = Cli.LiveconvProcess.TempDirectory();
        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "320x180", "--config", "color");
        var (x, window) = (live.X, live.Window);

        x.Keys(window, "f");
        string filters = x.WaitForWindow(LiveConv.App.Live.FiltersWindow.Title, TimeSpan.FromSeconds(60));
        Assert.Contains("filters of layer 0: 5 x 3x3x3", x.Tool("xdotool", "getwindowname", filters), StringComparison.Ordinal);
        // The color config's five 3x3x3 filters, in color: a picture wider than tall, not the maps.
        var g = x.Geometry(filters);
        Assert.True(g.Width > g.Height && g.Width < 1000, $"filters window {g.Width}x{g.Height}");

        x.Keys(window, "f");
        Cli.LiveconvProcess.WaitUntil(() => x.Tool("xdotool", "search", "--name", LiveConv.App.Live.FiltersWindow.Title).Trim().Length == 0, "the filters window to close");
        live.Quit();
    }

    [Fact]
    public void ResizingTheWindow_TheTilesFillIt_SmallMapsGrowByWholePixels_TheFrameTimeGraphIsThere()
    {
        string work = Cli.LiveconvProcess.TempDirectory();
        // The stack config's last layer at 640x360: four 160x90 maps.
        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "640x360", "--config", "stack");
        var (x, app, window) = (live.X, live.App, live.Window);
        string shot = Path.Combine(work, "screen.png");
        var before = WaitForPicture(x, window, shot);
        var small = Strips(x, window, shot);
        Assert.Equal(4, small.Count);
        int smallWidth = StripWidth(x, window, shot, small[0]);
        Assert.True(smallWidth >= 2 * 160 && smallWidth % 160 == 0, $"160-pixel maps in {smallWidth}-pixel tiles: not grown by a whole number");

        // The graph: the stages' colors in the HUD panel's top, once a few frames are in it.
        WaitForScreen(x, window, shot, _ => InPanel(x, window, shot, (view, panel) =>
        {
            using var graph = view[new Rect(panel.X, panel.Y + 6, panel.Width, Video.Rendering.HudPanel.GraphHeight)];
            return ColoredPixels(graph) > 50;
        }), "no frame-time graph at the top of the HUD panel");

        x.Tool("xdotool", "windowsize", window, "1600", "1000");
        WaitForScreen(x, window, shot, g => g.Width == 1600 && g.Height == 1000, "the window did not take the new size");
        WaitForScreen(x, window, shot, _ =>
        {
            var strips = Strips(x, window, shot);
            return strips.Count == 4 && StripWidth(x, window, shot, strips[0]) > smallWidth;
        }, "the tiles did not grow with the window");
        // The picture fills the window: no part of it is left unpainted (GTK's light gray).
        x.Screenshot(shot);
        using (var screen = Cv2.ImRead(shot))
        using (var corner = screen[new Rect(1600 - 20, 1000 - 20, 20, 20)])
        {
            Assert.True(Cv2.Mean(corner).Val0 < 100, "the window's corner is not the view's");
        }

        live.Quit();
    }

    [Fact]
    public void ASyntheticSceneThatFallsBehind_SaysSoInTheHud()
    {
        string work = Cli.LiveconvProcess.TempDirectory();
        // The seed layer at 1920x1080 takes far longer than the 33 ms the scene gives each frame here (at 1280x720 it
        // now takes about 35 ms, too close to the interval to fall behind for sure).
        using var live = LiveSession.Open(work, "run", "--source", "synthetic", "--size", "1920x1080", "--config", "seed-layer");
        var (x, app, window) = (live.X, live.App, live.Window);
        string shot = Path.Combine(work, "screen.png");
        WaitForPicture(x, window, shot);
        // The warning is orange, under the graph (whose render part is orange too).
        WaitForScreen(x, window, shot, _ => InPanel(x, window, shot, (view, panel) =>
        {
            if (panel.Height <= 140)
            {
                // Not the panel yet: the first frames may come before the window's first view.
                return false;
            }

            using var text = view[new Rect(panel.X, panel.Y + 120, panel.Width, panel.Height - 120)];
            using var orange = new Mat();
            Cv2.InRange(text, new Scalar(0, 100, 200), new Scalar(120, 200, 255), orange);
            return Cv2.CountNonZero(orange) > 300;
        }), "no falling-behind line in the HUD");

        live.Quit();
    }

    /// <summary>
    /// A live source's last frame reaches the window before the view ends: it used to end as soon as the display
    /// queue completed, the last frame unseen and counted as dropped before the display. Five frames a second leave the
    /// window 200 ms a frame, so only that can drop one.
    /// </summary>
    [Fact]
    public void ALiveRunInTheWindow_ShowsEveryFrame_TheLastOneToo()
    {
        using var x = XServer.Start();
        string work = Cli.LiveconvProcess.TempDirectory();
        using var app = LiveApp.Start(x.Display, work, "run", "--source", "synthetic", "--size", "320x180", "--fps", "5", "--frames", "10", "--realtime");
        Assert.Equal(0, app.WaitForExit(Patience));
        Assert.Equal("frames: in 10, out 10, dropped 0", app.WaitForLine("frames:", Patience));
    }

    [Fact]
    public void Output_IsTheSameFramesWithAWindowAndHeadless()
    {
        using var x = XServer.Start();
        string work = Cli.LiveconvProcess.TempDirectory();
        string[] run = ["run", "--source", "synthetic", "--size", "320x180", "--frames", "20", "--show-input", "--lossless"];
        using (var windowed = LiveApp.Start(x.Display, work, [.. run, "--output", "window.mkv"]))
        {
            Assert.Equal(0, windowed.WaitForExit(Patience));
            // The window's own stage, timed as it shows each frame.
            Assert.Matches(@", display \d+\.\d\d ms$", windowed.WaitForLine("per frame:", Patience));
        }

        using (var headless = LiveApp.Start(x.Display, work, [.. run, "--output", "headless.mkv", "--headless"]))
        {
            Assert.Equal(0, headless.WaitForExit(Patience));
            Assert.DoesNotContain("display", headless.WaitForLine("per frame:", Patience), StringComparison.Ordinal);
        }

        using var a = new VideoCapture(Path.Combine(work, "window.mkv"));
        using var b = new VideoCapture(Path.Combine(work, "headless.mkv"));
        using var frameA = new Mat();
        using var frameB = new Mat();
        int frames = 0;
        while (a.Read(frameA) && !frameA.Empty())
        {
            Assert.True(b.Read(frameB) && !frameB.Empty(), $"the headless output ends after {frames} frames");
            Assert.Equal(frameB.Size(), frameA.Size());
            Assert.Equal(0, Cv2.CountNonZero(Difference(frameA, frameB)));
            frames++;
        }

        Assert.Equal(20, frames);
        Assert.False(b.Read(frameB) && !frameB.Empty(), "the headless output has more frames");
    }

    /// <summary>The label strips in a fresh screenshot of the window.</summary>
    private static List<(int X, int Y)> Strips(XServer x, string window, string shot) => InView(x, window, shot, LabelStrips);

    /// <summary>What <paramref name="look"/> makes of the window's part of a fresh screenshot.</summary>
    private static T InView<T>(XServer x, string window, string shot, Func<Mat, T> look)
    {
        var g = x.Geometry(window);
        x.Screenshot(shot);
        using var screen = Cv2.ImRead(shot);
        using var view = screen[new Rect(g.X, g.Y, g.Width, g.Height)];
        return look(view);
    }

    /// <summary>What <paramref name="look"/> says of the window and its HUD panel in a fresh screenshot; false while it shows no panel (being repainted).</summary>
    private static bool InPanel(XServer x, string window, string shot, Func<Mat, Rect, bool> look) =>
        InView(x, window, shot, view => FindPanel(view) is { } panel && look(view, panel));

    /// <summary>How wide the label strip starting at <paramref name="corner"/> is (its tile's width), in the last screenshot.</summary>
    private static int StripWidth(XServer x, string window, string shot, (int X, int Y) corner)
    {
        var g = x.Geometry(window);
        using var screen = Cv2.ImRead(shot);
        int width = 0;
        while (corner.X + width < g.Width && screen.At<Vec3b>(g.Y + corner.Y, g.X + corner.X + width) == new Vec3b(48, 48, 48))
        {
            width++;
        }

        return width;
    }

    /// <summary>Saturated pixels (the graph's stage colors), neither gray nor text.</summary>
    private static int ColoredPixels(Mat part)
    {
        using var hsv = part.CvtColor(ColorConversionCodes.BGR2HSV);
        using var saturated = new Mat();
        Cv2.InRange(hsv, new Scalar(0, 100, 80), new Scalar(180, 255, 255), saturated);
        return Cv2.CountNonZero(saturated);
    }

    /// <summary>Screenshots until <paramref name="condition"/> holds for the window's geometry (and whatever it looks at); the geometry.</summary>
    private static (int X, int Y, int Width, int Height) WaitForScreen(XServer x, string window, string shot, Func<(int X, int Y, int Width, int Height), bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var geometry = x.Geometry(window);
            if (condition(geometry))
            {
                return geometry;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{failure} (window {geometry.Width}x{geometry.Height})");
            Thread.Sleep(300);
        }
    }

    /// <summary>The tiles once three screenshots in a row are alike: whatever was on its way to the window has been shown.</summary>
    private static Mat Settled(XServer x, string window, string shot)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = Tiles(x, window, shot);
        for (int alike = 1; alike < 3;)
        {
            Assert.True(DateTime.UtcNow < deadline, "the paused picture never stood still");
            var next = Tiles(x, window, shot);
            alike = next.Size() == last.Size() && Cv2.CountNonZero(Difference(last, next)) == 0 ? alike + 1 : 1;
            last.Dispose();
            last = next;
        }

        return last;
    }

    /// <summary>The tiles' part of the window (left of the HUD panel) in a fresh screenshot.</summary>
    private static Mat Tiles(XServer x, string window, string shot) => InView(x, window, shot, view => view[Grid(view)].Clone());

    /// <summary>Where the tiles are in a picture of the window: left of the HUD panel, or above it.</summary>
    /// <summary>What the HUD panel leaves for the tiles; the whole view while a resized window is not yet repainted.</summary>
    private static Rect Grid(Mat view)
    {
        return FindPanel(view) is not { } panel ? new Rect(0, 0, view.Width, view.Height)
            : panel.Y > 0 ? new Rect(0, 0, view.Width, panel.Y) : new Rect(0, 0, Math.Max(1, panel.X), view.Height);
    }

    /// <summary>
    /// The HUD panel in a picture of the window: the rows at its bottom (a panel under the tiles) or the columns at its
    /// right (beside them) mostly of its background color, 24 gray. A map shown over a range whose zero is that gray
    /// has such rows too, above the bottom: only the run that reaches the window's edge is the panel.
    /// </summary>
    private static Rect Panel(Mat view) => FindPanel(view) ?? throw new Xunit.Sdk.XunitException("no HUD panel in the window");

    private static Rect? FindPanel(Mat view)
    {
        using var background = new Mat();
        Cv2.InRange(view, new Scalar(24, 24, 24), new Scalar(24, 24, 24), background);
        int rows = background.Rows, cols = background.Cols;
        byte[] on = background.AsSpan<byte>().ToArray();
        bool PanelRow(int y) => Enumerable.Range(0, cols).Count(x => on[(y * cols) + x] != 0) > cols / 2;
        bool PanelColumn(int x) => Enumerable.Range(0, rows).Count(y => on[(y * cols) + x] != 0) > rows / 2;
        int top = EdgeRun(rows, PanelRow);
        if (top < rows)
        {
            return new Rect(0, top, cols, rows - top);
        }

        int left = EdgeRun(cols, PanelColumn);
        return left < cols ? new Rect(left, 0, cols - left, rows) : null;
    }

    /// <summary>Where the run of lines <paramref name="inPanel"/> that ends within a few pixels of the far edge begins; <paramref name="count"/> for none.</summary>
    private static int EdgeRun(int count, Func<int, bool> inPanel)
    {
        int end = count - 1;
        while (end >= count - 8 && end >= 0 && !inPanel(end))
        {
            end--;
        }

        if (end < count - 8 || end < 0)
        {
            return count;
        }

        int start = end;
        while (start > 0 && inPanel(start - 1))
        {
            start--;
        }

        return start;
    }

    /// <summary>Bright (text) pixels in the HUD panel, in a fresh screenshot; null while the window shows no panel (being repainted).</summary>
    private static int? PanelText(XServer x, string window, string shot) => InView<int?>(x, window, shot, view =>
    {
        if (FindPanel(view) is not { } panel)
        {
            return null;
        }

        using var part = view[panel];
        using var gray = part.CvtColor(ColorConversionCodes.BGR2GRAY);
        return Cv2.CountNonZero(gray.Threshold(200, 255, ThresholdTypes.Binary));
    });

    /// <summary>The tiles' label strips in a fresh screenshot.</summary>
    private static int LabelCount(XServer x, string window, string shot) => Strips(x, window, shot).Count;

    /// <summary>
    /// The top-left corners of the label strips (the renderer's dark gray, 48 in each channel) in the tiles' part of
    /// a picture of the window, top to bottom, left to right.
    /// </summary>
    private static List<(int X, int Y)> LabelStrips(Mat view)
    {
        var grid = Grid(view);
        using var part = view[grid];
        using var strip = new Mat();
        Cv2.InRange(part, new Scalar(48, 48, 48), new Scalar(48, 48, 48), strip);
        var found = new List<(int X, int Y)>();
        int rows = strip.Rows, cols = strip.Cols;
        byte[] gray = strip.AsSpan<byte>().ToArray();
        bool On(int x, int y) => gray[(y * cols) + x] != 0;
        for (int y = 0; y + 4 < rows; y++)
        {
            for (int x = 0; x + 40 < cols; x++)
            {
                // A strip's corner: gray 40 pixels on and 4 down (its edges carry no text), none of it above or to the left.
                if (On(x, y) && (x == 0 || Enumerable.Range(y, 4).All(j => !On(x - 1, j))) && (y == 0 || Enumerable.Range(x, 40).All(i => !On(i, y - 1)))
                    && Enumerable.Range(x, 40).All(i => On(i, y)) && Enumerable.Range(y, 4).All(j => On(x, j)))
                {
                    found.Add((grid.X + x, grid.Y + y));
                }
            }
        }

        return found;
    }

    private static Mat Difference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        return diff.CvtColor(ColorConversionCodes.BGR2GRAY).Threshold(0, 255, ThresholdTypes.Binary);
    }

    /// <summary>Pixels of the tiles' part whose blue and red differ by more than 40: neither gray nor the white labels.</summary>
    private static int Colored(XServer x, string window, string shot) => InView(x, window, shot, view =>
    {
        using var part = view[Grid(view)];
        var channels = part.Split();
        try
        {
            using var diff = new Mat();
            Cv2.Absdiff(channels[0], channels[2], diff);
            return Cv2.CountNonZero(diff.Threshold(40, 255, ThresholdTypes.Binary));
        }
        finally
        {
            foreach (var c in channels)
            {
                c.Dispose();
            }
        }
    });

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

    /// <summary>An X server with liveconv's window open on it, its first line printed; <see cref="Quit"/> presses q and expects exit 0.</summary>
    private sealed class LiveSession : IDisposable
    {
        private LiveSession(XServer x, LiveApp app, string window) => (X, App, Window) = (x, app, window);

        public XServer X { get; }

        public LiveApp App { get; }

        public string Window { get; }

        public static LiveSession Open(string work, params string[] args)
        {
            var x = XServer.Start();
            var app = LiveApp.Start(x.Display, work, args);
            try
            {
                var session = new LiveSession(x, app, x.WaitForWindow("LiveConv", Patience));
                app.WaitForLine("live view", Patience);
                return session;
            }
            catch
            {
                app.Dispose();
                x.Dispose();
                throw;
            }
        }

        public void Quit()
        {
            X.Keys(Window, "q");
            Assert.Equal(0, App.WaitForExit(Patience));
        }

        public void Dispose()
        {
            App.Dispose();
            X.Dispose();
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

        /// <summary>How many output lines so far contain <paramref name="text"/>.</summary>
        public int Count(string text)
        {
            lock (_lines)
            {
                return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
            }
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
