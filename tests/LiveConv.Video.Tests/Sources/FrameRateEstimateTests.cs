using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Sources;

public class FrameRateEstimateTests
{
    [Fact]
    public void HeaderTwiceTheRealRate_TheTimestampsWin() =>
        Assert.Equal(25, FrameRateEstimate.From([0, 40, 80, 120, 160], headerFps: 50), 6);

    [Fact]
    public void HeaderThatAgrees_IsKeptExact() =>
        Assert.Equal(30000 / 1001.0, FrameRateEstimate.From([0, 33.367, 66.733, 100.1, 133.467], 30000 / 1001.0));

    [Fact]
    public void WholeMillisecondTimestamps_AverageToTheHeadersRate() =>
        Assert.Equal(15, FrameRateEstimate.From([0, 66, 133, 200, 266], headerFps: 15));

    [Fact]
    public void WholeMillisecondTimestamps_NoHeader_AverageOverTheJitter() =>
        Assert.Equal(30.0, FrameRateEstimate.From([0, 33, 66, 100, 133, 166, 200], headerFps: 0), 1);

    [Fact]
    public void OnePause_DoesNotMoveTheMedian() =>
        Assert.Equal(25, FrameRateEstimate.From([0, 40, 440, 480, 520], headerFps: 20), 6);

    [Theory]
    [InlineData(25.0, 25.0)]
    [InlineData(0.0, FrameRateEstimate.Fallback)]
    [InlineData(90000.0, FrameRateEstimate.Fallback)]
    public void OneFrame_TheHeaderOrTheFallback(double header, double expected) =>
        Assert.Equal(expected, FrameRateEstimate.From([0], header));
}
