using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sources;

public class SyntheticSceneTests
{
    [Fact]
    public void SameSeedAndIndex_SamePicture_TheSceneMoves()
    {
        using Mat a = new(), b = new(), c = new();
        new SyntheticScene(160, 96, 30, seed: 7).Draw(12, a);
        new SyntheticScene(160, 96, 30, seed: 7).Draw(12, b);
        new SyntheticScene(160, 96, 30, seed: 7).Draw(13, c);

        Assert.Equal(0, Cv2.Norm(a, b, NormTypes.L1));
        Assert.NotEqual(0, Cv2.Norm(a, c, NormTypes.L1));
    }

    [Fact]
    public async Task VerticalBar_GivesTheStrongestVerticalLineResponseAtItsColumn()
    {
        var network = Runs.Lines();
        using var source = new SyntheticSource(64, 48, 30, seed: 1, realtime: false);
        var sink = new MapsSink();

        await Runs.Run(source, network, null, [sink], frames: 100);

        int checkedFrames = 0;
        for (long i = 0; i < 100; i++)
        {
            int bar = source.Scene.VerticalBarX(i);
            if (bar < 2 || bar > 61)
            {
                continue;
            }

            var maps = sink.Maps[i];
            var columnSums = Enumerable.Range(0, maps.Width)
                .Select(x => Enumerable.Range(0, maps.Height).Sum(y => maps[0, y, x]))
                .ToArray();
            Assert.Equal(bar, Array.IndexOf(columnSums, columnSums.Max()));
            checkedFrames++;
        }

        Assert.True(checkedFrames > 50);
    }

    [Fact]
    public void Realtime_IsLiveAndPacedAtItsFps()
    {
        using var source = new SyntheticSource(64, 48, 50, seed: 1, realtime: true);
        var frame = new FramePool().Rent();
        for (int i = 0; i < 11; i++)
        {
            Assert.True(source.Read(frame, CancellationToken.None));
        }

        Assert.True(source.Info.IsLive);
        Assert.True(source.Info.Paced);
        Assert.Equal(TimeSpan.FromMilliseconds(200), frame.SourceTime);
    }
}
