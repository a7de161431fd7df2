using LiveConv.Video.Rendering;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>The other half of a frame's map tiles: painted exactly once per frame, by the helper thread or the render thread.</summary>
/// <remarks>Alone: the helper thread is the process's, and one test holds it up on purpose.</remarks>
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
                // A render thread slower than the helper: the helper thread paints this one.
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref painted) >= i, TimeSpan.FromSeconds(30)), $"the helper did not take frame {i}");
            }

            half.Finish();
            Assert.Equal(i, Volatile.Read(ref painted));
        }

        Assert.Equal(0, wrong);
        Assert.True(byPool >= 2000 / 3, $"the helper painted {byPool} halves");
    }

    [Fact]
    public void AnOffer_IsTaken_AfterAnotherRendererOfferedManyHalvesItPaintedItself()
    {
        using var helperBusy = new ManualResetEventSlim();
        using var letGo = new ManualResetEventSlim();
        using var takenByHelper = new ManualResetEventSlim();
        int caller = Environment.CurrentManagedThreadId;
        var blocking = new MapHalf(_ =>
        {
            helperBusy.Set();
            letGo.Wait();
        });
        var quick = new MapHalf(_ => { });
        var late = new MapHalf(_ =>
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                takenByHelper.Set();
            }
        });

        blocking.Start();
        try
        {
            Assert.True(helperBusy.Wait(TimeSpan.FromSeconds(30)), "the helper did not take the first half");
            // While the helper is held up, a renderer with quick frames offers a half each frame and paints it itself.
            for (int i = 0; i < 40; i++)
            {
                quick.Start();
                quick.Finish();
            }

            late.Start();
        }
        finally
        {
            letGo.Set();
            blocking.Finish();
        }

        // The quick renderer's offers are of halves long painted; the late one's must still reach the helper.
        bool taken = takenByHelper.Wait(TimeSpan.FromSeconds(30));
        late.Finish();
        Assert.True(taken, "the helper never took the late renderer's half");
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
