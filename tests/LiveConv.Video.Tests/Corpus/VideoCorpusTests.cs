using LiveConv.Pipeline.Frames;
using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Corpus;

/// <summary>
/// Issue 11: a video file gives exactly the frames ffmpeg decodes from it, each once, in presentation order, at its
/// container timestamps; damage is reported where decoding failed, never on a clean file, and at least as many
/// frames are recovered as ffmpeg decodes.
/// </summary>
[Collection(FfmpegLogCollection.Name)]
public sealed class VideoCorpusTests(VideoCorpus corpus) : IClassFixture<VideoCorpus>
{
    /// <summary>Gray levels (0-255) two decoders' colour conversions may differ by in a 4x4 cell.</summary>
    private const double Tolerance = 4;

    private sealed record Read(List<Signature> Signatures, List<double> Ms, int Width, int Height, double Fps, IReadOnlyList<DamagedRegion> Damage);

    private static Read ReadAll(string path)
    {
        using var source = new VideoFileSource(path, realtime: false);
        var frame = new FramePool().Rent();
        var signatures = new List<Signature>();
        var ms = new List<double>();
        long index = 0;
        while (source.Read(frame, CancellationToken.None))
        {
            Assert.Equal(index++, frame.Index);
            signatures.Add(Signature.Of(frame.Pixels, frame.Width, frame.Height, 3));
            ms.Add(frame.SourceTime.TotalMilliseconds);
        }

        return new Read(signatures, ms, source.Info.Width, source.Info.Height, source.Info.Fps, source.Damage);
    }

    [Theory]
    [MemberData(nameof(VideoCorpus.CleanFiles), MemberType = typeof(VideoCorpus))]
    public void CleanFile_GivesFfmpegsFrames_OnceEach_InOrder_AtTheirTimestamps(string name, double fps)
    {
        var read = ReadAll(corpus[name]);
        var ffmpeg = FfmpegOracle.Decode(corpus[name], read.Width, read.Height);
        var times = FfmpegOracle.Timestamps(corpus[name]);

        Assert.Equal(ffmpeg.Count, read.Signatures.Count);
        for (int i = 0; i < ffmpeg.Count; i++)
        {
            double distance = read.Signatures[i].Distance(ffmpeg[i]);
            Assert.True(distance <= Tolerance, $"{name}: frame {i} differs from ffmpeg's frame {i} by {distance:F1} gray levels");
        }

        // Each frame's own time, from the first frame's: order, no repeat, and the duration (last time + one frame).
        Assert.Equal(times.Count, read.Ms.Count);
        Assert.All(read.Ms.Zip(times), pair => Assert.Equal(pair.Second, pair.First - read.Ms[0], 1.0));
        Assert.Equal(fps, read.Fps, 0.01);
        Assert.Empty(read.Damage);
    }

    [Fact]
    public void RotatedPhoneVideo_IsTurnedAsPlayersShowIt()
    {
        var read = ReadAll(corpus["rotated-90.mp4"]);
        Assert.Equal((64, 96), (read.Width, read.Height));
    }

    [Fact]
    public void VariableRate_KeepsThePause()
    {
        var read = ReadAll(corpus["vfr-pause.mkv"]);
        // Frames 10-19 were left out of the first 60: 50 frames, and 0.44 s from frame 9 to frame 20.
        Assert.Equal(50, read.Ms.Count);
        Assert.Equal(440, read.Ms[10] - read.Ms[9], 1.0);
    }

    [Theory]
    [MemberData(nameof(VideoCorpus.DamagedFiles), MemberType = typeof(VideoCorpus))]
    public void DamagedFile_AtLeastFfmpegsFrames_NoRepeats_DamageReportedWhereItIs(string name, bool gapInside)
    {
        var read = ReadAll(corpus[name]);
        int ffmpeg = FfmpegOracle.CountDecoded(corpus[name]);

        Assert.True(read.Ms.Count >= ffmpeg, $"{name}: {read.Ms.Count} frames read, ffmpeg decodes {ffmpeg}");
        Assert.True(read.Ms.Count < 100, $"{name}: the damage cost no frame, the test damaged nothing");
        Assert.All(read.Ms.Zip(read.Ms.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{name}: {pair.Second} ms after {pair.First} ms"));
        // Frames lost inside the stream, counted by timestamps: what the count and the last timestamp leave.
        long inside = (long)Math.Round(read.Ms[^1] / 40) + 1 - read.Ms.Count;
        Assert.True(!gapInside || inside > 0, $"{name}: the damage left no gap inside the stream");
        Assert.Equal(inside, read.Damage.Sum(r => r.FramesLost));
        Assert.True(!gapInside || read.Damage.Count > 0, $"{name}: no damage reported");
        Assert.All(read.Damage, r => Assert.True(r.Before > r.After));
    }
}
