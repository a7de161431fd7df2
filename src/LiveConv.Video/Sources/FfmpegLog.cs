using System.Runtime.InteropServices;
using System.Text;

namespace LiveConv.Video.Sources;

/// <summary>
/// Silences FFmpeg's own stderr lines ("moov atom not found", "error y=3 x=10"): a bad file gets liveconv's one
/// clear line, not the demuxer's diagnostics too. OpenCV reads OPENCV_FFMPEG_LOGLEVEL once, when its FFmpeg
/// backend starts, from the native environment, which .NET's Environment.SetEnvironmentVariable does not change
/// on Unix; hence setenv. A value the user set is kept, so FFmpeg's detail stays one variable away.
/// </summary>
internal static class FfmpegLog
{
    private const string Variable = "OPENCV_FFMPEG_LOGLEVEL";
    private const string Quiet = "-8"; // AV_LOG_QUIET

    private static readonly Lazy<bool> Silenced = new(() =>
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return false;
        }

        return NativeMethods.setenv(Utf8(Variable), Utf8(Quiet), 0) == 0;
    });

    /// <summary>Call before the first VideoCapture of the process; later calls do nothing.</summary>
    public static void Silence() => _ = Silenced.Value;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + '\0');

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setenv")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setenv(byte[] name, byte[] value, int overwrite);
    }
}
