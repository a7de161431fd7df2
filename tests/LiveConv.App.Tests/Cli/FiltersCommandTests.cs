using LiveConv.App.Cli;
using OpenCvSharp;

namespace LiveConv.App.Tests.Cli;

/// <summary>liveconv filters, as a real process: the image it writes and its errors.</summary>
public sealed class FiltersCommandTests
{
    private static readonly Dictionary<string, string?> Env = [];

    [Fact]
    public void WritesTheFiltersImage()
    {
        string dir = LiveconvProcess.TempDirectory();

        var r = LiveconvProcess.Run(dir, Env, "filters", "-c", "color", "-o", "color.png");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        using var image = Cv2.ImRead(Path.Combine(dir, "color.png"));
        Assert.False(image.Empty());
        Assert.Equal($"color: layer 0's 5 filters -> color.png ({image.Width}x{image.Height})\n", r.Out);
    }

    [Theory]
    [InlineData("liveconv: --layer: layer 1 is not a convolution; the convolutions are layers 0, 3\n", "-c", "stack", "--layer", "1")]
    [InlineData("liveconv: --output: 'f.txt' is not an image name; end it in .png, .jpg, .jpeg, .bmp, .tif, .tiff, .webp\n", "-o", "f.txt")]
    public void BadOptions_ExitTwoAndWriteNothing(string error, params string[] args)
    {
        string dir = LiveconvProcess.TempDirectory();

        var r = LiveconvProcess.Run(dir, Env, ["filters", .. args]);

        Assert.Equal(ExitCodes.UsageError, r.Exit);
        Assert.Equal(error, r.Err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }
}
