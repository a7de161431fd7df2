using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sources;

public class LatestFrameGrabberTests
{
    [Fact]
    public void SlowReader_GetsTheNewestFramesInOrder_AndTheEnd()
    {
        int produced = 0;
        using var grabber = new LatestFrameGrabber(
            image =>
        {
            if (produced == 200)
            {
                return false;
            }

            image.Create(2, 2, MatType.CV_8UC1);
            image.SetTo(Scalar.All(produced % 256));
            Interlocked.Increment(ref produced);
            return true;
        },
            TimeSpan.FromSeconds(10));

        var numbers = new List<long>();
        while (grabber.TryTake(CancellationToken.None, out var image, out long number))
        {
            Assert.Equal(number % 256, image.At<byte>(0, 0));
            numbers.Add(number);
            // A reader ten times slower than the device, by count rather than by time: ten more frames are read
            // before this one takes the next, however busy the machine is.
            long seen = Volatile.Read(ref produced);
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref produced) >= Math.Min(seen + 10, 200), TimeSpan.FromSeconds(60)), "the device stopped");
        }

        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.True(numbers.Count < 100, $"a reader 10x slower than the device read {numbers.Count} of 200 frames: it got a backlog");
        Assert.Equal(199, numbers[^1]);
    }

    [Fact]
    public void DeviceThatStopsAnswering_TheReaderGivesUpAfterTheStallLimit_AndDisposeDoesNotHang()
    {
        using var hung = new ManualResetEventSlim();
        int produced = 0;
        var grabber = new LatestFrameGrabber(
            image =>
            {
                if (produced == 3)
                {
                    // A driver stuck in a read: it never returns on its own.
                    hung.Wait();
                    return false;
                }

                image.Create(2, 2, MatType.CV_8UC1);
                produced++;
                return true;
            },
            // Long enough that a busy machine delays no good frame past it; the hang is what runs into it.
            TimeSpan.FromSeconds(2));

        var taken = new List<long>();
        var error = Assert.Throws<TimeoutException>(() =>
        {
            while (grabber.TryTake(CancellationToken.None, out _, out long number))
            {
                taken.Add(number);
            }
        });

        Assert.Equal("no frame for 2 s", error.Message);
        Assert.NotEmpty(taken);
        grabber.Dispose();
        Assert.True(grabber.Abandoned);
        hung.Set();
    }
}
