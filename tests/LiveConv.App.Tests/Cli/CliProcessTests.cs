using LiveConv.App.Cli;

namespace LiveConv.App.Tests.Cli;

/// <summary>Runs the real built liveconv (dotnet liveconv.dll) and checks exit codes, stdout and stderr.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public void HelpListsTheCommands()
    {
        var r = Run("--help");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("summary", r.Out, StringComparison.Ordinal);
        Assert.Contains("explain", r.Out, StringComparison.Ordinal);
        Assert.Contains("kernels", r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("summary", "--config")]
    [InlineData("explain", "--stride")]
    [InlineData("kernels", "--help")]
    public void EveryCommandHasHelp(string command, string mentions)
    {
        var r = Run(command, "--help");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains(mentions, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryOfSeedLayerShowsSevenHundredSixtyParameters()
    {
        var r = Run("summary", "--config", "configs/seed-layer.json");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal("", r.Err);
        string conv = Assert.Single(r.Out.Split('\n'), l => l.Contains("conv2d 10x5x5", StringComparison.Ordinal));
        Assert.Contains(" 750 ", conv, StringComparison.Ordinal);
        Assert.Contains(" 760 ", conv, StringComparison.Ordinal);
        Assert.Contains("10x720x1280", conv, StringComparison.Ordinal);
        Assert.Contains("9,216,000", conv, StringComparison.Ordinal);
        string total = Assert.Single(r.Out.Split('\n'), l => l.Contains("total", StringComparison.Ordinal));
        Assert.Contains(" 760 ", total, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", r.Out, StringComparison.Ordinal); // no color codes when piped
    }

    [Fact]
    public void SummaryWithAnotherInputSize()
    {
        var r = Run("summary", "--config", "configs/seed-lines.json", "--input", "64x48x3");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("input bgr 64x48", r.Out, StringComparison.Ordinal);
        Assert.Contains("6x24x32", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryShowsTheOnnxLayersWithParametersAndMacs()
    {
        string file = Path.Combine(Path.GetTempPath(), $"liveconv-onnx-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Configuration.OnnxLayerConfigTests.Sample);
        try
        {
            var r = Run("summary", "--config", file);
            Assert.Equal(ExitCodes.Ok, r.Exit);
            string[] lines = r.Out.Split('\n');
            Assert.Contains(lines, l => l.Contains("input bgr 32x24, scale 1, mean [104, 117, 123], std [58, 57, 59]", StringComparison.Ordinal));

            // scale_shift on 2x15x19: 2 scales + 2 shifts, one multiply-add per value (570); add on 2x7x9: 126 additions.
            string scaleShift = Assert.Single(lines, l => l.Contains("scale_shift 2 channels", StringComparison.Ordinal));
            Assert.Matches(@"│\s+2 │\s+2 │\s+4 │\s+0 │\s+570 │", scaleShift);
            Assert.Matches(@"add layer 4 .*│\s+126 │", Assert.Single(lines, l => l.Contains("add layer 4", StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.Contains("pad (1, 2), reflect", StringComparison.Ordinal) && l.Contains("2x9x13", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("padding (top 3, bottom 2, left 3, right 2)", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void BrokenConfigExitsTwoWithThePath()
    {
        string file = Path.Combine(Path.GetTempPath(), $"liveconv-broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "layers": [ { "type": "conv2d", "kernels": [ { "weights": [[1, 2], [3]] } ] } ] }""");
        try
        {
            var r = Run("summary", "--config", file);
            Assert.Equal(ExitCodes.UsageError, r.Exit);
            Assert.Equal($"liveconv: {file}: layers[0].kernels[0].weights: rows have 2, 1 values; every row must have the same length\n", r.Err);
            Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
            Assert.Equal("", r.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MissingConfigFileExitsTwo()
    {
        var r = Run("summary", "--config", "configs/does-not-exist.json");
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: configs/does-not-exist.json: file not found\n", r.Err);
    }

    [Fact]
    public void RunHelpListsTheLiveFolders()
    {
        var r = Run("run", "--help");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("--config-dir", r.Out, StringComparison.Ordinal);
        Assert.Contains("--record-dir", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConfigDirExitsTwo()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"liveconv-no-configs-{Guid.NewGuid():N}");
        var r = Run("run", "--headless", "--frames", "1", "--source", "synthetic", "--config-dir", missing);
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal($"liveconv: --config-dir: folder '{missing}' does not exist\n", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void ConfigDirThatIsAFileExitsTwo()
    {
        var r = Run("run", "--headless", "--frames", "1", "--source", "synthetic", "--config-dir", "configs/edges.json");
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: --config-dir: 'configs/edges.json' is a file, not a folder\n", r.Err);
    }

    [Fact]
    public void SummaryWithoutAConfig_SummarizesRunsDefault()
    {
        var r = Run("summary");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.StartsWith("seed-lines: ", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBareCommandTakesRunsOptions()
    {
        var r = Run("--config", "edges", "--source", "synthetic", "--size", "64x48", "--frames", "3", "--headless");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("frames: in 3, out 3, dropped 0\n", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frames", "abc", "liveconv: --frames: expected a whole number from 1, got \"abc\"\n")]
    [InlineData("--fps", "fast", "liveconv: --fps: expected a number above 0 and at most 1000, e.g. 29.97, got \"fast\"\n")]
    [InlineData("--seed", "x", "liveconv: --seed: expected a whole number, got \"x\"\n")]
    public void ANumberThatDoesNotParse_NamesTheOptionAndTheForm(string option, string value, string error)
    {
        var r = Run("run", option, value);
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith(error, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandExitsTwo()
    {
        var r = Run("bogus");
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith("liveconv: ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainPrintsTheLectureExamples()
    {
        var r = Run("explain");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("Output Y (3x3):\n    -2  -1   3\n     2   5   8\n    -2   0  -1\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("Output (2x2):\n    8  5\n    1  4\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("760 parameters", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainVariant()
    {
        var r = Run("explain", "--stride", "2", "--padding", "1", "--kernel", "sobel_x", "--input", "1,2,3;4,5,6;7,8,9");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("Kernel K \"sobel_x\" (3x3):", r.Out, StringComparison.Ordinal);
        Assert.Contains("  (0,0): 0·-1 + 0·0 + 0·1 + 0·-2 + 1·0 + 2·2 + 0·-1 + 4·0 + 5·1 = 9\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("Output Y (2x2):", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainWithAVerticalAndAHorizontalStride()
    {
        var r = Run("explain", "--stride", "2,1");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("== stride 2 vertical, 1 horizontal, padding 0 ==", r.Out, StringComparison.Ordinal);
        Assert.Contains("Y(i,j) = Σm Σn X(i·2 + m, j·1 + n) · K(m,n)", r.Out, StringComparison.Ordinal);
        // The lecture's stride-1 output, every other row.
        Assert.Contains("Output Y (2x3):\n    -2  -1   3\n    -2   0  -1\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("Output height = (H − F + 2P)/S + 1 = (5 − 3 + 2·0)/2 + 1 = 2", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stride", "0", "liveconv: explain: stride must be positive, got 0\n")]
    [InlineData("--kernel", "1,2;3", "liveconv: --kernel: rows have 2, 1 values; every row must have the same length (or a built-in kernel: ")]
    [InlineData("--input", "1,2;3,4", "liveconv: explain: kernel 3x3 is larger than the padded input 2x2\n")]
    [InlineData("--stride", "two", "liveconv: --stride: expected a whole number, or VERTICAL,HORIZONTAL such as 2,1, got \"two\"\n")]
    public void ExplainRejectsBadVariants(string option, string value, string error)
    {
        var r = Run("explain", option, value);
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.StartsWith(error, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelsListsTheLibrary()
    {
        var r = Run("kernels");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("vertical_line (3x3)\n    -1   1  -1\n    -1   1  -1\n    -1   1  -1\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("sobel_x (3x3)", r.Out, StringComparison.Ordinal);
        Assert.Contains("0.1111", r.Out, StringComparison.Ordinal); // box blur's ninths
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) =>
        LiveconvProcess.Run(RepoPaths.Root, new Dictionary<string, string?> { ["DISPLAY"] = null }, args);
}
