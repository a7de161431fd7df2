using LiveConv.App.Configuration;
using LiveConv.App.Live;

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
    public void Watcher_ReportsOnceAfterABurstOfWrites()
    {
        string path = Copy("edges");
        var reports = new List<string>();
        using var changed = new SemaphoreSlim(0);
        using var watcher = new ConfigWatcher(TimeProvider.System, TimeSpan.FromMilliseconds(300), p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }

            changed.Release();
        });
        watcher.Watch(path);

        string text = File.ReadAllText(path);
        for (int i = 0; i < 5; i++)
        {
            File.WriteAllText(path, text + new string(' ', i));
            Thread.Sleep(20);
        }

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "no change reported");
        Thread.Sleep(800);
        lock (reports)
        {
            Assert.Equal([Path.GetFullPath(path)], reports);
        }
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
