using LiveConv.Video.Rendering;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The other half of a frame's map tiles: painted exactly once per frame, by a pool thread or the render thread.</summary>
public sealed class MapHalfTests
{
    [Fact]
    public void EachFrameIsPaintedOnce_WhoeverClaimsIt_AndFinishWaitsForIt()
    {
        int frame = 0, painted = 0, wrong = 0;
        var half = new MapHalf(_ =>
        {
            // The frame being painted must be the one the render thread started.
            if (Volatile.Read(ref frame) != Interlocked.Increment(ref painted))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        for (int i = 1; i <= 2000; i++)
        {
            Volatile.Write(ref frame, i);
            half.Start();
            if (i % 3 == 0)
            {
                // Some frames the render thread is slow and a pool thread paints; others it claims the half first.
                Thread.SpinWait(2000);
            }

            half.Finish();
            Assert.Equal(i, Volatile.Read(ref painted));
        }

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void AFailureInTheHalf_IsThrownByFinish()
    {
        var half = new MapHalf(_ => throw new InvalidOperationException("tile"));

        for (int i = 0; i < 50; i++)
        {
            half.Start();
            var e = Assert.Throws<InvalidOperationException>(half.Finish);
            Assert.Equal("tile", e.Message);
        }
    }
}
