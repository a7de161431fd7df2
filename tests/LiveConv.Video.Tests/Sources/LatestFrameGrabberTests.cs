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

            Thread.Sleep(1);
            image.Create(2, 2, MatType.CV_8UC1);
            image.SetTo(Scalar.All(produced++ % 256));
            return true;
        },
            TimeSpan.FromSeconds(10));

        var numbers = new List<long>();
        while (grabber.TryTake(CancellationToken.None, out var image, out long number))
        {
            Assert.Equal(number % 256, image.At<byte>(0, 0));
            numbers.Add(number);
            Thread.Sleep(10);
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
            TimeSpan.FromMilliseconds(300));

        var taken = new List<long>();
        var error = Assert.Throws<TimeoutException>(() =>
        {
            while (grabber.TryTake(CancellationToken.None, out _, out long number))
            {
                taken.Add(number);
            }
        });

        Assert.Equal("no frame for 0.3 s", error.Message);
        Assert.NotEmpty(taken);
        grabber.Dispose();
        Assert.True(grabber.Abandoned);
        hung.Set();
    }
}
