using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests;

/// <summary>The native OpenCV runtime for this OS restores, loads and has the video I/O LiveConv relies on.</summary>
public class OpenCvRuntimeTests
{
    [Fact]
    public void NativeRuntime_Loads_WithFfmpegVideoIo()
    {
        string info = Cv2.GetBuildInformation();

        // The version itself is Directory.Packages.props' alone (OpenCvSharpVersion), so a bump changes one line.
        Assert.StartsWith("4.", Cv2.GetVersionString(), StringComparison.Ordinal);
        Assert.Matches(@"FFMPEG:\s+YES", info);
    }

    /// <summary>Damage a demuxer skips by itself is seen only through FFmpeg's log: a runtime bump must keep its exports.</summary>
    [Fact]
    public void LinuxRuntime_ExportsFfmpegsLogHook()
    {
        Assert.True(!OperatingSystem.IsLinux() || FfmpegLog.Install());
    }
}
