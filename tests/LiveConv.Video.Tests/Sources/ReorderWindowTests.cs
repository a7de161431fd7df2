using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Sources;

public class ReorderWindowTests
{
    [Fact]
    public void LateFrames_ComeOutInTimestampOrder()
    {
        // What FFmpeg's H.264 decoder gives after a lost keyframe: 122 before 98 and 99.
        var window = new ReorderWindow<string>();
        var taken = new List<double>();
        foreach (double ms in new[] { 3880.0, 4880, 3920, 4920, 3960, 4960, 5000, 5040 })
        {
            Assert.True(window.Add(ms, ms.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (window.Count == 3)
            {
                taken.Add(window.TakeEarliest().Ms);
            }
        }

        while (window.Count > 0)
        {
            taken.Add(window.TakeEarliest().Ms);
        }

        Assert.Equal([3880.0, 3920, 3960, 4880, 4920, 4960, 5000, 5040], taken);
    }

    [Fact]
    public void FrameAtOrBeforeTheLastTaken_OrAlreadyHeld_IsARepeat()
    {
        var window = new ReorderWindow<int>();
        Assert.True(window.Add(40, 1));
        Assert.Equal(40, window.TakeEarliest().Ms);

        Assert.False(window.Add(40, 2));
        Assert.False(window.Add(0, 3));
        Assert.True(window.Add(80, 4));
        Assert.False(window.Add(80, 5));
        Assert.Equal(1, window.Count);
    }
}
