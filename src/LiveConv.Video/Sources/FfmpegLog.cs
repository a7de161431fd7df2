using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveConv.Video.Sources;

/// <summary>
/// FFmpeg's log, taken over: its lines ("[h264 @ 0x…] error while decoding MB 7 2", a dozen per damaged frame) are
/// counted and dropped, so a damaged file gets liveconv's one line per damaged region instead, and the count tells
/// the reader where decoding failed although the read gave a frame (a Matroska or MPEG-TS demuxer skips damaged
/// bytes itself; a decoder conceals what it cannot decode). <see cref="ShowDecoderLog"/> (<c>--verbose</c>) writes
/// them to stderr as FFmpeg would, warnings included.
/// <para>The FFmpeg that OpenCvSharp's Linux runtime bundles is linked into OpenCvSharpExtern, whose exports include
/// <c>av_log_set_callback</c>. OpenCV sets FFmpeg's level to errors on every open and installs a callback of its own
/// only when OPENCV_FFMPEG_LOGLEVEL is set, so ours is installed again after each open. Where those exports are missing
/// (the Windows runtime keeps FFmpeg in a plugin DLL), FFmpeg keeps its own log and only failed reads mark damage.</para>
/// </summary>
public static unsafe class FfmpegLog
{
    private const string Library = "OpenCvSharpExtern";
    private const int ErrorLevel = 16; // AV_LOG_ERROR
    private const int WarningLevel = 24; // AV_LOG_WARNING
    private const int LineBytes = 1024;

    private static readonly Lock StderrLock = new();
    private static readonly Stream Stderr = Console.OpenStandardError();
    private static long _errors;
    private static bool _show;

    /// <summary>
    /// Errors FFmpeg has logged in this process, from any file: a decoder or demuxer that hit damage. A frame-threaded
    /// decoder logs from its own threads, also between two reads, so a reader compares counts from frame to frame. The
    /// count is the whole process's: two damaged files decoded at once would each see the other's errors.
    /// </summary>
    public static long Errors => Interlocked.Read(ref _errors);

    /// <summary>Write FFmpeg's own log lines to stderr; call before the first video opens.</summary>
    public static void ShowDecoderLog() => _show = true;

    /// <summary>After each VideoCapture opens: our callback, and the level <see cref="ShowDecoderLog"/> asks for.</summary>
    /// <returns>False where FFmpeg's log cannot be reached (its errors are then not counted).</returns>
    internal static bool Install()
    {
        try
        {
            NativeMethods.av_log_set_callback(&OnLog);
            // FFmpeg's own level decides which lines reach the callback at all: the debug ones would cost a call each.
            NativeMethods.av_log_set_level(_show ? WarningLevel : ErrorLevel);

            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Runs on FFmpeg's threads, the decoder's frame threads included: it must not throw, and counts atomically.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(IntPtr context, int level, IntPtr format, IntPtr arguments)
    {
        if (level <= ErrorLevel)
        {
            Interlocked.Increment(ref _errors);
        }

        // The first open logs before its level is set here; --verbose shows warnings and errors, not FFmpeg's debug lines.
        if (!_show || level > WarningLevel)
        {
            return;
        }

        try
        {
            byte* line = stackalloc byte[LineBytes];
            int prefix = 1;
            int length = NativeMethods.av_log_format_line2(context, level, format, arguments, line, LineBytes, &prefix);
            if (length > 0)
            {
                lock (StderrLock)
                {
                    Stderr.Write(new ReadOnlySpan<byte>(line, Math.Min(length, LineBytes - 1)));
                }
            }
        }
        catch (IOException)
        {
            // A closed stderr loses the line, never the decode.
        }
    }

    private static class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern void av_log_set_callback(delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr, void> callback);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern void av_log_set_level(int level);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int av_log_format_line2(IntPtr context, int level, IntPtr format, IntPtr arguments, byte* line, int lineSize, int* printPrefix);
    }
}
