using LiveConv.App.Live;
using LiveConv.Pipeline.Frames;
using Microsoft.Extensions.Time.Testing;

namespace LiveConv.App.Tests.Live;

public class RecorderTests
{
    private static readonly DateTime At = new(2026, 11, 25, 14, 3, 7);

    /// <summary>A clock whose local time is <see cref="At"/>.</summary>
    private static FakeTimeProvider Clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(At, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    private static Frame Mosaic(byte shade)
    {
        var frame = new Frame();
        frame.PrepareMosaic(64, 48).AsSpan().Fill(shade);
        return frame;
    }

    [Fact]
    public void NextPath_NamedFromTheLocalTime()
    {
        string dir = Cli.LiveconvProcess.TempDirectory();

        Assert.Equal(Path.Combine(dir, "recording_20261125_140307.mkv"), Recorder.NextPath(dir, At));
    }

    [Fact]
    public void NextPath_NameTaken_Adds2Then3()
    {
        string dir = Cli.LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "recording_20261125_140307.mkv"), "");
        Assert.Equal(Path.Combine(dir, "recording_20261125_140307_2.mkv"), Recorder.NextPath(dir, At));

        File.WriteAllText(Path.Combine(dir, "recording_20261125_140307_2.mkv"), "");
        Assert.Equal(Path.Combine(dir, "recording_20261125_140307_3.mkv"), Recorder.NextPath(dir, At));
    }

    [Fact]
    public void NextPath_PartialFileOfAKilledRecording_CountsAsTaken()
    {
        string dir = Cli.LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "recording_20261125_140307.partial.mkv"), "");

        Assert.Equal(Path.Combine(dir, "recording_20261125_140307_2.mkv"), Recorder.NextPath(dir, At));
    }

    [Fact]
    public void Toggle_MakesTheFolder_EachRecordingANewFile_NoneOverwritten()
    {
        string dir = Path.Combine(Cli.LiveconvProcess.TempDirectory(), "new", "recordings");
        using var recorder = new Recorder(dir, 25, Clock());
        string first = Path.Combine(dir, "recording_20261125_140307.mkv");

        Assert.Equal($"recording to {first}", recorder.Toggle());
        Assert.True(Directory.Exists(dir));
        Assert.Equal(first, recorder.FilePath);
        for (int i = 0; i < 3; i++)
        {
            Assert.Null(recorder.Write(Mosaic((byte)(i * 40))));
        }

        Assert.Equal($"recording stopped: 3 frames in {first}", recorder.Toggle());
        Assert.Null(recorder.FilePath);
        long firstLength = new FileInfo(first).Length;

        string second = Path.Combine(dir, "recording_20261125_140307_2.mkv");
        Assert.Equal($"recording to {second}", recorder.Toggle());
        Assert.Null(recorder.Write(Mosaic(200)));
        Assert.Equal($"recording stopped: 1 frame in {second}", recorder.Toggle());

        Assert.Equal(3, Cli.LiveconvProcess.CountFrames(first));
        Assert.Equal(firstLength, new FileInfo(first).Length);
        Assert.Equal(1, Cli.LiveconvProcess.CountFrames(second));
        Assert.Equal(2, Directory.GetFiles(dir).Length); // no partial files left
    }

    [Fact]
    public void StoppedBeforeAnyFrame_SaysNoFileWasWritten()
    {
        string dir = Cli.LiveconvProcess.TempDirectory();
        using var recorder = new Recorder(dir, 25, Clock());
        recorder.Toggle();

        Assert.Equal("recording stopped: no frames, no file written", recorder.Toggle());
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Theory]
    // Tests run as root, for whom chmod a-w does not stop a write: /proc takes no new files, even from root.
    [InlineData("/proc/self/recordings", "cannot record: '/proc/self/recordings' does not accept new files (a read-only or virtual file system)")]
    [InlineData("{dir}/notes.txt", "cannot record: '{dir}/notes.txt' is a file, not a folder")]
    [InlineData("{dir}/notes.txt/recordings", "cannot record: '{dir}/notes.txt' is a file, not a folder")]
    public void Toggle_FolderThatCannotBeWritten_SaysCannotRecord_AndRecordsNothing(string folder, string message)
    {
        string dir = Cli.LiveconvProcess.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "a file where a folder is expected");
        using var recorder = new Recorder(folder.Replace("{dir}", dir, StringComparison.Ordinal), 25, Clock());

        Assert.Equal(message.Replace("{dir}", dir, StringComparison.Ordinal), recorder.Toggle());
        Assert.Null(recorder.FilePath);
        Assert.Null(recorder.Write(Mosaic(1)));
    }

    [Fact]
    public void Write_FolderGoneAfterTheStart_EndsTheRecordingWithCannotRecord()
    {
        string dir = Path.Combine(Cli.LiveconvProcess.TempDirectory(), "recordings");
        using var recorder = new Recorder(dir, 25, Clock());
        recorder.Toggle();
        Directory.Delete(dir, recursive: true);

        string? message = recorder.Write(Mosaic(1));

        Assert.NotNull(message);
        Assert.StartsWith("cannot record: OpenCV could not open ", message, StringComparison.Ordinal);
        Assert.Null(recorder.FilePath);
        Assert.Null(recorder.Write(Mosaic(2)));
        Assert.False(Directory.Exists(dir));
    }
}
