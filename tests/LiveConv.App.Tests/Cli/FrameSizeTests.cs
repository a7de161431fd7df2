using System.CommandLine;
using LiveConv.App.Cli;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Cli;

public sealed class FrameSizeTests
{
    private static readonly InputSpec Gray = new(PixelFormat.Gray, 1f, 10, 10);
    private static readonly InputSpec Rgb = new(PixelFormat.Rgb, 1f, 10, 10);

    [Fact]
    public void WidthHeightChannels()
    {
        Assert.Equal(new FrameSize(1280, 720, 3), FrameSize.Parse("--input", "1280x720x3", channels: true));
        Assert.Equal(new FrameSize(640, 480, null), FrameSize.Parse("--input", "640x480", channels: true));
        Assert.Equal(new FrameSize(5, 5, null), FrameSize.Parse("--size", "5X5", channels: false));
    }

    [Fact]
    public void ChannelsSwitchBetweenGrayAndColor()
    {
        Assert.Equal(Gray with { Color = PixelFormat.Bgr, Width = 4, Height = 2 }, FrameSize.Parse("--input", "4x2x3", true).ApplyTo(Gray));
        Assert.Equal(Rgb with { Width = 4, Height = 2 }, FrameSize.Parse("--input", "4x2x3", true).ApplyTo(Rgb));
        Assert.Equal(Rgb with { Color = PixelFormat.Gray, Width = 4, Height = 2 }, FrameSize.Parse("--input", "4x2x1", true).ApplyTo(Rgb));
        Assert.Equal(Gray with { Width = 4, Height = 2 }, FrameSize.Parse("--input", "4x2", true).ApplyTo(Gray));
    }

    [Theory]
    [InlineData("1280")]
    [InlineData("0x720")]
    [InlineData("1280x-720")]
    [InlineData("1280x720x2")]
    [InlineData("axb")]
    [InlineData("1x2x3x4")]
    [InlineData("99999x10")]
    public void BadSizesAreUsageErrors(string text)
    {
        var e = Assert.Throws<UsageException>(() => FrameSize.Parse("--input", text, channels: true));
        Assert.StartsWith("--input: ", e.Message);
    }

    [Fact]
    public void ChannelsOnlyWhereTheOptionTakesThem()
    {
        var e = Assert.Throws<UsageException>(() => FrameSize.Parse("--size", "640x480x3", channels: false));
        Assert.Equal("--size: expected WIDTHxHEIGHT, e.g. 1280x720, with sides from 1 to 65536, got \"640x480x3\"", e.Message);
    }

    [Fact]
    public void TheOptionReportsABadSizeAsAParseError()
    {
        var option = FrameSize.Option("--size", "size", channels: false);
        var parse = new RootCommand { option }.Parse(["--size", "big"]);

        var error = Assert.Single(parse.Errors);
        Assert.StartsWith("--size: expected WIDTHxHEIGHT", error.Message, StringComparison.Ordinal);
        Assert.Equal(new FrameSize(64, 48, null), new RootCommand { option }.Parse(["--size", "64x48"]).GetValue(option));
    }
}
