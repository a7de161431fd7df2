using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sources;

public class LatestFrameGrabberTests
{
    [Fact]
    public void SlowReader_GetsTheNewestFramesInOrder_AndTheEnd()
    {
        int produced = 0;
        using var grabber = new LatestFrameGrabber(image =>
        {
            if (produced == 200)
            {
                return false;
            }

            Thread.Sleep(1);
            image.Create(2, 2, MatType.CV_8UC1);
            image.SetTo(Scalar.All(produced++ % 256));
            return true;
        });

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
}
