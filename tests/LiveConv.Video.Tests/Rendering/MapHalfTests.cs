using LiveConv.Video.Rendering;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The other half of a frame's map tiles: painted exactly once per frame, by the helper thread or the render thread.</summary>
/// <remarks>Alone: renderers of other tests running meanwhile share the one helper thread and can fill its ring, which drops
/// offers (their render threads paint those halves), and this test waits for the helper to take each third frame.</remarks>
[Collection(MapHalfCollection.Name)]
public sealed class MapHalfTests
{
    [Fact]
    public void EachFrameIsPaintedOnce_WhoeverClaimsIt_AndFinishWaitsForIt()
    {
        int frame = 0, painted = 0, wrong = 0, byPool = 0;
        int caller = Environment.CurrentManagedThreadId;
        var half = new MapHalf(_ =>
        {
            // The frame being painted must be the one the render thread started.
            if (Volatile.Read(ref frame) != Interlocked.Increment(ref painted))
            {
                Interlocked.Increment(ref wrong);
            }

            if (Environment.CurrentManagedThreadId != caller)
            {
                Interlocked.Increment(ref byPool);
            }
        });

        for (int i = 1; i <= 2000; i++)
        {
            Volatile.Write(ref frame, i);
            half.Start();
            if (i % 3 == 0)
            {
                // A render thread slower than the helper: the helper thread paints this one, or, if it has not taken it
                // within a second (not scheduled on a loaded machine), Finish does, as a render thread would.
                var deadline = DateTime.UtcNow.AddSeconds(1);
                while (Volatile.Read(ref painted) < i && DateTime.UtcNow < deadline)
                {
                    Thread.Yield();
                }
            }

            half.Finish();
            Assert.Equal(i, Volatile.Read(ref painted));
        }

        Assert.Equal(0, wrong);
        Assert.True(byPool > 0, "the helper thread never painted a half");
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
