using LiveConv.App.Cli;
using LiveConv.Video.Sources;

namespace LiveConv.App.Tests.Cli;

public sealed class CamerasCommandTests
{
    [Fact]
    public void Lists_EachNodeWithItsNameAndWhatItIs()
    {
        string root = LiveconvProcess.TempDirectory();
        foreach (var (n, name, index) in new[] { (0, "Integrated Camera", 0), (1, "Integrated Camera", 1) })
        {
            string dir = Directory.CreateDirectory(Path.Combine(root, "sys", $"video{n}")).FullName;
            File.WriteAllText(Path.Combine(dir, "name"), name);
            File.WriteAllText(Path.Combine(dir, "index"), $"{index}");
        }

        var text = new StringWriter();
        CamerasCommand.Write(text, new CameraDirectory(Path.Combine(root, "sys"), "/dev"), open: false, listed: true);

        Assert.Equal(
            "camera:0   /dev/video0   Integrated Camera\n"
            + "camera:1   /dev/video1   Integrated Camera  a further node of the same device (metadata), not a camera to open\n",
            text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TheCommand_ListsThisMachinesCamerasOrSaysThereAreNone()
    {
        var r = LiveconvProcess.Run(LiveconvProcess.TempDirectory(), new Dictionary<string, string?>(), "cameras");

        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Equal("", r.Err);
        var lines = r.Out.TrimEnd('\n').Split('\n');

        // CI has no camera (the first form); a developer's machine may have some.
        Assert.True(
            (lines.Length == 1 && lines[0].StartsWith("no cameras: ", StringComparison.Ordinal) && lines[0].EndsWith("try --source synthetic", StringComparison.Ordinal))
            || lines.All(line => line.StartsWith("camera:", StringComparison.Ordinal) || line.EndsWith("camera(s)", StringComparison.Ordinal)),
            r.Out);
    }
}
