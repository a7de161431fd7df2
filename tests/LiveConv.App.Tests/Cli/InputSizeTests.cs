using LiveConv.App.Cli;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Cli;

public sealed class InputSizeTests
{
    private static readonly InputSpec Gray = new(PixelFormat.Gray, 1f, 10, 10);
    private static readonly InputSpec Rgb = new(PixelFormat.Rgb, 1f, 10, 10);

    [Fact]
    public void WidthHeightChannels()
    {
        Assert.Equal(new InputSize(1280, 720, 3), InputSize.Parse("1280x720x3"));
        Assert.Equal(new InputSize(640, 480, null), InputSize.Parse("640x480"));
    }

    [Fact]
    public void ChannelsSwitchBetweenGrayAndColor()
    {
        Assert.Equal(Gray with { Color = PixelFormat.Bgr, Width = 4, Height = 2 }, InputSize.Parse("4x2x3").ApplyTo(Gray));
        Assert.Equal(Rgb with { Width = 4, Height = 2 }, InputSize.Parse("4x2x3").ApplyTo(Rgb));
        Assert.Equal(Rgb with { Color = PixelFormat.Gray, Width = 4, Height = 2 }, InputSize.Parse("4x2x1").ApplyTo(Rgb));
        Assert.Equal(Gray with { Width = 4, Height = 2 }, InputSize.Parse("4x2").ApplyTo(Gray));
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
        var e = Assert.Throws<UsageException>(() => InputSize.Parse(text));
        Assert.StartsWith("--input: ", e.Message);
    }
}
