using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using LiveConv.App.Tests.Onnx;

namespace LiveConv.App.Tests.Cli;

/// <summary>The real liveconv: import writes a config the rest reads; run and summary take --model; bad models exit 2 in one line.</summary>
public sealed class ImportCommandTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    private static (int Exit, string Out, string Err) Run(string dir, params string[] args) => LiveconvProcess.Run(dir, NoDisplay, args);

    [Fact]
    public void Import_WritesAConfigThatLoads_AndSaysWhatItFolded()
    {
        string dir = LiveconvProcess.TempDirectory();

        var r = Run(dir, "import", ResNet18Model.Path, "--through", "3", "-o", "stem.json", "--color", "bgr", "--scale", "1");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal("", r.Err);
        Assert.Contains("nodes 0–3 of 74 import as 3 layers, through node 3 'Pooling255' (MaxPool)", r.Out, StringComparison.Ordinal);
        Assert.Contains("node 1 'BatchNormalization251' (BatchNormalization) folded into the weights and bias of node 0 'Convolution249' (Conv)", r.Out, StringComparison.Ordinal);
        Assert.Contains("wrote stem.json: 3 layers, 9,472 parameters, output 64x56x56 on 224x224", r.Out, StringComparison.Ordinal);
        var config = ConfigLoader.Load(Path.Combine(dir, "stem.json"));
        Assert.Equal(3, config.Network.Layers.Count);
    }

    [Fact]
    public void Import_NeverReplacesAFileUnasked()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "ResNet18.json"), "mine");

        var r = Run(dir, "import", ResNet18Model.Path, "--through", "Convolution249");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: -o: ResNet18.json exists; give another name or --force to replace it\n", r.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "ResNet18.json")));
    }

    [Fact]
    public void Import_ThroughAnUnsupportedNode_ExitsTwoInOneLine()
    {
        string dir = LiveconvProcess.TempDirectory();

        var r = Run(dir, "import", ResNet18Model.Path, "--through", "Convolution285");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal($"liveconv: {ResNet18Model.Path}: nodes 0–19 import; node 20 'Convolution285' (Conv) is not supported: it takes 'ReLU283_Output_0', not 'BatchNormalization297_Output_0' (the output so far); a LiveConv network is one chain, with residual adds; use --through BatchNormalization297\n", r.Err);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Import_OfACorruptFile_ExitsTwoInOneLine()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllBytes(Path.Combine(dir, "cut.onnx"), File.ReadAllBytes(ResNet18Model.Path)[..5000]);

        var r = Run(dir, "import", "cut.onnx");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith("liveconv: cut.onnx: not a readable ONNX model (truncated or corrupt protobuf", r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void SummaryAndRun_TakeAModel()
    {
        string dir = LiveconvProcess.TempDirectory();

        var summary = Run(dir, "summary", "--model", ResNet18Model.Path, "--through", "ReLU269", "--input", "640x360");
        var run = Run(dir, "run", "--model", ResNet18Model.Path, "--through", "Pooling255", "--headless", "--source", "synthetic", "--size", "96x64", "--frames", "2", "--dump", "maps");

        Assert.Equal(ExitCodes.Ok, summary.Exit);
        Assert.Contains("add layer 2", summary.Out, StringComparison.Ordinal);
        Assert.Contains("64x90x160", summary.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "maps"), "*.npy").Length);
    }

    [Fact]
    public void ModelOptions_WithoutAModel_AreRefused()
    {
        var r = Run(LiveconvProcess.TempDirectory(), "summary", "--through", "Pooling255");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: --through is for an ONNX model: add --model MODEL.onnx\n", r.Err);
    }
}
