using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Sources;

public class SourceFactoryTests
{
    private static SourceOptions Options(string? spec) => new(spec, 64, 48, 30, false, false, 1, false, false);

    [Fact]
    public void Default_WithoutCamera_IsSyntheticAndSaysSoInOneLine()
    {
        using var source = SourceFactory.Open(Options(null), out string? notice);

        Assert.IsType<SyntheticSource>(source);
        Assert.True(source.Info.IsLive);
        Assert.Equal("source: no camera 0 found, showing the synthetic scene (64x48 at 30 fps) instead", notice);
    }

    [Fact]
    public void MissingCamera_SaysSoAndWhatToTry()
    {
        var error = Assert.Throws<SourceException>(() => SourceFactory.Open(Options("camera:3"), out _));

        Assert.StartsWith("no camera at index 3: ", error.Message);
        Assert.Contains("--source synthetic", error.Message);
    }

    [Theory]
    [InlineData("camera:x")]
    [InlineData("nothing/here.mp4")]
    public void BadSpec_IsAClearError(string spec)
    {
        var error = Assert.Throws<SourceException>(() => SourceFactory.Open(Options(spec), out _));
        Assert.Contains(spec, error.Message);
    }
}
