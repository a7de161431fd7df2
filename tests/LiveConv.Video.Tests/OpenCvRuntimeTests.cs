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
}
