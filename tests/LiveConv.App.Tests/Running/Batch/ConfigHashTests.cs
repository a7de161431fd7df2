using LiveConv.App.Running;
using LiveConv.App.Running.Batch;
using LiveConv.App.Tests.Cli;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Tests.Running.Batch;

/// <summary>The config hash a batch resumes by: blind to formatting, sensitive to what changes the outputs.</summary>
public sealed class ConfigHashTests
{
    private const string Config = """{ "$schema": "./liveconv.schema.json", "name": "t", "layers": [ { "type": "conv2d", "kernels": [ { "kernel": "sobel_x" } ] }, { "type": "relu" } ] }""";

    [Fact]
    public void ReformattedConfig_SameHash()
    {
        string dir = LiveconvProcess.TempDirectory();
        string reordered = """
            {
              "layers": [ { "kernels": [ { "kernel": "sobel_x" } ], "type": "conv2d" }, { "type": "relu" } ],
              "name": "t"
            }
            """;

        Assert.Equal(Hash(dir, Config), Hash(dir, reordered));
    }

    [Fact]
    public void OtherKernelOrOtherColormap_OtherHash()
    {
        string dir = LiveconvProcess.TempDirectory();

        Assert.NotEqual(Hash(dir, Config), Hash(dir, Config.Replace("sobel_x", "sobel_y", StringComparison.Ordinal)));
        Assert.NotEqual(Hash(dir, Config), Hash(dir, Config, new MosaicOptions { Colormap = Colormap.Parse("jet") }));
        Assert.NotEqual(Hash(dir, Config), Hash(dir, Config, dump: "maps"));
    }

    private static string Hash(string dir, string json, MosaicOptions? mosaic = null, string? dump = null)
    {
        string path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return ConfigHash.Compute(new RunSettings { ConfigPath = path, Mosaic = mosaic ?? new MosaicOptions() }, dump, null);
    }
}
