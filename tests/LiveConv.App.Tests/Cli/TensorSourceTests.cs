using LiveConv.App.Cli;
using LiveConv.App.Tests.Onnx;
using LiveConv.Engine.Tensors;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// <c>--source FILE.npy</c> on the real liveconv: the tensor goes through the imported ResNet-18 stem as it is, and the
/// dumped output matches ONNX Runtime on the same tensor (1e-5 of the largest value, as in ResNet18ImportTests);
/// files that are not float32 (C, H, W) say what they hold, exit 2.
/// </summary>
public sealed class TensorSourceTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [Fact]
    public void Npy_ThroughTheImportedStem_MatchesOnnxRuntime()
    {
        string dir = LiveconvProcess.TempDirectory();
        var shape = new Shape3(3, 224, 224);
        var input = OnnxRuntimeOracle.RandomTensor(shape, seed: 7, -120f, 120f);
        NpyWriter.Save(Path.Combine(dir, "x.npy"), new Tensor(shape, input));

        var r = LiveconvProcess.Run(dir, NoDisplay, "run", "--source", "x.npy", "--model", ResNet18Model.Path, "--through", "Pooling255", "--dump", "maps");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("x.npy: 3x224x224 through layer 2 (maxpool2d): 64x56x56", r.Out, StringComparison.Ordinal);
        var actual = NpyReader.Read(Path.Combine(dir, "maps", "frame_000000.npy"));
        byte[] cut = OnnxRuntimeOracle.WithOutput(File.ReadAllBytes(ResNet18Model.Path), "Pooling255_Output_0");
        float[] expected = OnnxRuntimeOracle.Run(cut, "Input247", shape, input, "Pooling255_Output_0");
        Assert.True(OnnxRuntimeOracle.RelativeError(actual.Data, expected) <= 1e-5);
    }

    [Theory]
    [InlineData("<f8", "(3, 4, 4)", 3 * 4 * 4 * 8, "it holds <f8 values; expected float32 ('<f4')")]
    [InlineData("<f4", "(4, 4)", 4 * 4 * 4, "its shape is (4, 4); expected (C, H, W) or (1, C, H, W), each from 1 to 65536")]
    [InlineData("<f4", "(2, 3, 4, 4)", 2 * 3 * 4 * 4 * 4, "its shape is (2, 3, 4, 4)")]
    [InlineData("<f4", "(3, 4, 4)", 100, "its shape 3x4x4 needs 192 bytes of data, the file has 100 (truncated)")]
    public void BadNpy_SaysWhatItHolds(string descr, string shape, int dataBytes, string expected)
    {
        string dir = LiveconvProcess.TempDirectory();
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}".PadRight(117) + "\n";
        byte[] bytes = [0x93, .. "NUMPY"u8.ToArray(), 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header), .. new byte[dataBytes]];
        File.WriteAllBytes(Path.Combine(dir, "bad.npy"), bytes);

        var r = LiveconvProcess.Run(dir, NoDisplay, "run", "--source", "bad.npy", "-c", "edges");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith("liveconv: --source: bad.npy: " + expected, r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Npy_WithTheWrongChannels_IsRefused()
    {
        string dir = LiveconvProcess.TempDirectory();
        NpyWriter.Save(Path.Combine(dir, "gray.npy"), new Tensor(new Shape3(1, 8, 8)));

        var r = LiveconvProcess.Run(dir, NoDisplay, "run", "--source", "gray.npy", "-c", "seed-layer");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: --source: the tensor has 1 channels; seed-layer takes 3\n", r.Err);
    }
}
