using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Sources;

public class DamageTrackerTests
{
    [Fact]
    public void GapAfterFailedReads_IsOneRegion_CountedByTimestamps()
    {
        var tracker = new DamageTracker(40, reach: 5);
        foreach (double ms in new[] { 0.0, 40, 80 })
        {
            tracker.Emitted(ms);
        }

        tracker.Failed();
        tracker.Emitted(400);
        tracker.Emitted(440);

        var region = Assert.Single(tracker.Regions);
        Assert.Equal(new DamagedRegion(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(400), 7), region);
    }

    [Fact]
    public void GapsWithOneFrameDecodedBetween_AreOneRegion()
    {
        var tracker = new DamageTracker(40, reach: 5);
        tracker.Emitted(3040);
        tracker.Failed();
        tracker.Emitted(3120);
        tracker.Emitted(3480);

        Assert.Equal(new DamagedRegion(TimeSpan.FromMilliseconds(3040), TimeSpan.FromMilliseconds(3480), 9), Assert.Single(tracker.Regions));
    }

    [Fact]
    public void GapWithoutFailedReads_IsVariableFrameRate_NotDamage()
    {
        var tracker = new DamageTracker(40, reach: 5);
        foreach (double ms in new[] { 0.0, 40, 440, 480 })
        {
            tracker.Emitted(ms);
        }

        Assert.Empty(tracker.Regions);
    }

    [Fact]
    public void GapShowingAFewFramesAfterTheFailure_IsStillIts()
    {
        var tracker = new DamageTracker(40, reach: 5);
        tracker.Emitted(0);
        tracker.Failed();
        foreach (double ms in new[] { 40.0, 80, 120, 1000 })
        {
            tracker.Emitted(ms);
        }

        Assert.Equal(21, Assert.Single(tracker.Regions).FramesLost);
    }

    [Fact]
    public void FailureThatLostNoFrame_IsARegionWithNoneLost_AndALaterPauseIsNotDamage()
    {
        var tracker = new DamageTracker(40, reach: 2);
        tracker.Emitted(0);
        tracker.Failed();
        foreach (double ms in new[] { 40.0, 80, 120, 160, 2000 })
        {
            tracker.Emitted(ms);
        }

        Assert.Equal(new DamagedRegion(TimeSpan.Zero, TimeSpan.FromMilliseconds(40), 0), Assert.Single(tracker.Regions));
    }

    [Fact]
    public void FailureJustBeforeTheEnd_IsStillReported()
    {
        var tracker = new DamageTracker(40, reach: 5);
        tracker.Emitted(0);
        tracker.Failed();
        tracker.Emitted(40);
        tracker.Ended();

        Assert.Equal(new DamagedRegion(TimeSpan.Zero, TimeSpan.FromMilliseconds(40), 0), Assert.Single(tracker.Regions));
    }

    [Fact]
    public void DamageOpeningTheFile_ShowsAsALateFirstFrame()
    {
        var tracker = new DamageTracker(40, reach: 5);
        tracker.Failed();
        tracker.Emitted(200);

        Assert.Equal(new DamagedRegion(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), 5), Assert.Single(tracker.Regions));
    }
}
