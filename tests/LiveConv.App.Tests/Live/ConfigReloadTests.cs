using LiveConv.App.Configuration;
using LiveConv.App.Live;
using Microsoft.Extensions.Time.Testing;

namespace LiveConv.App.Tests.Live;

public class ConfigReloadTests
{
    private static string Copy(string name)
    {
        string path = Path.Combine(Cli.LiveconvProcess.TempDirectory(), name + ".json");
        File.Copy(Path.Combine(RepoPaths.Configs, name + ".json"), path);
        return path;
    }

    [Fact]
    public void Debouncer_ReportsOnceWhenABurstHasSettled()
    {
        var clock = new FakeTimeProvider();
        int reports = 0;
        using var debouncer = new Debouncer(clock, TimeSpan.FromMilliseconds(300), () => Interlocked.Increment(ref reports));

        // An editor's save: five writes 20 ms apart; each restarts the quiet period.
        for (int i = 0; i < 5; i++)
        {
            debouncer.Poke();
            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        clock.Advance(TimeSpan.FromMilliseconds(279));
        Assert.Equal(0, reports);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, reports);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, reports);
    }

    [Fact]
    public void Watcher_ReportsTheFileAfterAWrite()
    {
        string path = Copy("edges");
        var reports = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var changed = new SemaphoreSlim(0);
        using var watcher = new ConfigWatcher(TimeProvider.System, TimeSpan.FromMilliseconds(50), p =>
        {
            reports.Enqueue(p);
            changed.Release();
        });
        watcher.Watch(path);

        File.WriteAllText(path, File.ReadAllText(path) + " ");

        // The file system's notice comes when it comes; the wait only keeps a broken watcher from hanging the run.
        Assert.True(changed.Wait(TimeSpan.FromSeconds(60)), "no change reported");
        Assert.All(reports, p => Assert.Equal(Path.GetFullPath(path), p));
    }

    [Fact]
    public void BrokenEdit_KeepsThePreviousNetworkAndSaysWhereTheErrorIs()
    {
        string path = Copy("edges");
        var current = ConfigLoader.Load(path).Network.WithInputSize(64, 48);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"padding\": \"same\"", "\"padding\": \"sideways\"", StringComparison.Ordinal));

        var (network, message) = ConfigReload.Try(path, current, "reloaded");

        Assert.Null(network);
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Equal($"kept the previous config: {error.Message}", message);
        Assert.Contains("layers[0].padding", message, StringComparison.Ordinal);
    }

    [Fact]
    public void GoodEdit_GivesTheNewNetworkAtTheFramesSize()
    {
        string path = Copy("edges");
        var current = ConfigLoader.Load(path).Network.WithInputSize(64, 48);
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ \"kernel\": \"laplacian\" }", "{ \"kernel\": \"laplacian\" }, { \"kernel\": \"outline\" }", StringComparison.Ordinal));

        var (network, message) = ConfigReload.Try(path, current, "reloaded");

        Assert.NotNull(network);
        Assert.Equal(new Engine.Tensors.Shape3(6, 48, 64), network.OutputShape);
        Assert.StartsWith("reloaded edges: ", message, StringComparison.Ordinal);
    }
}
