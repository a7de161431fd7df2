using LiveConv.App.Cli;

namespace LiveConv.App.Tests.Cli;

/// <summary>
/// Issue 12 item 9: a network whose work does not fit is refused at load with the figures (exit 2), instead of an
/// overflow or the OOM killer mid-run. The real liveconv; the memory it may use is set with DOTNET_GCHeapHardLimit,
/// which is what GCMemoryInfo.TotalAvailableMemoryBytes reports, so the test does not depend on this machine.
/// </summary>
public sealed class MemoryBoundsTests
{
    [Fact]
    public void A_network_larger_than_the_memory_is_refused_with_what_it_needs_and_what_there_is()
    {
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "wide.json"), Config(100, 1280, 720));
        var environment = new Dictionary<string, string?> { ["DISPLAY"] = null, ["DOTNET_GCHeapHardLimit"] = "0x10000000" };

        var r = LiveconvProcess.Run(dir, environment, "run", "-c", "wide.json", "--source", "synthetic", "--headless", "--workers", "2",
            "--frames", "1", "--output", "out.mkv");

        // (3 + 100) channels x 1280 x 720 floats = 379.7 MB per engine worker; the limit is 256 MiB = 268.4 MB, half for the engines.
        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: wide.json: layers[0]: 100 filters on 1280x720 need 379.7 MB per frame, 759.4 MB for 2 engine workers; "
            + "the engines may use half of the 268.4 MB this machine has: use fewer filters, smaller frames (--size) or fewer --workers\n", r.Err);
        Assert.False(File.Exists(Path.Combine(dir, "out.mkv")), "nothing is written for a refused network");
    }

    [Fact]
    public void A_layer_output_beyond_what_a_tensor_holds_is_refused_at_load_not_overflowed()
    {
        // 5000 filters on 1280x720: 4.6 billion values, once "Arithmetic operation resulted in an overflow" mid-run.
        string dir = LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "x.json"), Config(5000, 1280, 720));

        var r = LiveconvProcess.Run(dir, new Dictionary<string, string?> { ["DISPLAY"] = null }, "run", "-c", "x.json", "--source", "synthetic",
            "--headless", "--frames", "1");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal("liveconv: x.json: layers[0]: conv2d on input 3x720x1280: its output 5000x720x1280 is 4,608,000,000 values (18.4 GB), "
            + "more than one tensor can hold (2,147,483,591 values)\n", r.Err);
    }

    [Fact]
    public void An_image_too_large_for_the_network_is_refused_at_its_own_size_after_one_decode()
    {
        // A decompression bomb in small: the frame size that counts is the image's, not the config's 1280x720.
        string dir = LiveconvProcess.TempDirectory();
        using (var black = new OpenCvSharp.Mat(3000, 3000, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(0)))
        {
            OpenCvSharp.Cv2.ImWrite(Path.Combine(dir, "big.png"), black);
        }

        var environment = new Dictionary<string, string?> { ["DISPLAY"] = null, ["DOTNET_GCHeapHardLimit"] = "0x10000000" };
        var r = LiveconvProcess.Run(dir, environment, "run", "-c", "edges", "--source", "big.png", "--headless", "--workers", "1", "--dump", "maps");

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Contains("layers[0]: 5 filters on 3000x3000 need ", r.Err, StringComparison.Ordinal);
        Assert.Contains(" per frame; the engines may use half of the 268.4 MB this machine has", r.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "maps")) && Directory.EnumerateFiles(Path.Combine(dir, "maps")).Any(), "no map is written");
    }

    private static string Config(int filters, int width, int height) =>
        $$"""{ "input": { "width": {{width}}, "height": {{height}} }, "layers": [ { "type": "conv2d", "padding": "same", "kernels": [ {{string.Join(", ", Enumerable.Repeat("""{ "kernel": "sobel_x" }""", filters))}} ] } ] }""";
}
