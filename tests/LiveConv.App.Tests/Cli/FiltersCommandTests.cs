using LiveConv.App.Cli;
using LiveConv.App.Tests.Onnx;

namespace LiveConv.App.Tests.Cli;

/// <summary>The real liveconv's filters command on the shipped ResNet-18 stem and an imported model.</summary>
public sealed class FiltersCommandTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [Fact]
    public void Filters_OfTheShippedStem_AndOfADeeperImportedLayer()
    {
        string dir = LiveconvProcess.TempDirectory();

        var stem = LiveconvProcess.Run(dir, NoDisplay, "filters", "-c", "resnet18-stem", "-o", "stem.png");
        var deeper = LiveconvProcess.Run(dir, NoDisplay, "filters", "--model", ResNet18Model.Path, "--through", "ReLU269", "--layer", "3", "-o", "block.png");

        Assert.Equal(ExitCodes.Ok, stem.Exit);
        Assert.Equal("wrote stem.png: layer 0, 64 filters of 7x7x3, 372x484\n", stem.Out);
        Assert.Equal(ExitCodes.Ok, deeper.Exit);
        Assert.StartsWith("wrote block.png: layer 3, 64 filters of 3x3x64", deeper.Out, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(dir, "block.png")).Length > 0);
    }

    [Fact]
    public void Filters_OfALayerThatIsNoConvolution_ListsThoseThatAre()
    {
        var r = LiveconvProcess.Run(LiveconvProcess.TempDirectory(), NoDisplay, "filters", "-c", "resnet18-block1", "--layer", "1", "-o", "x.png");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: --layer: layer 1 is not a conv2d; its conv2d layers are 0, 3, 5\n", r.Err);
    }
}
