using static LiveConv.Video.Tests.Corpus.FfmpegOracle;

namespace LiveConv.Video.Tests.Corpus;

/// <summary>
/// Small videos of every kind the tests compare with ffmpeg, made once per test class in a temp folder: 50 frames
/// of ffmpeg's moving test pattern at 25 fps and 96x64 (clean), or 100 frames at 160x120 (to damage).
/// </summary>
public sealed class VideoCorpus : IDisposable
{
    private const string Pattern = "testsrc2=size=96x64:rate=25";
    private static readonly string[] Clean50 = ["-f", "lavfi", "-i", Pattern, "-frames:v", "50"];
    private static readonly string[] H264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p"];

    private readonly Dictionary<string, string> _files = [];

    /// <summary>Clean files: name, and the frame rate their timestamps show.</summary>
    public static readonly TheoryData<string, double> CleanFiles = new()
    {
        { "h264-bframes.mp4", 25 },
        { "h264-editlist.mp4", 25 },
        { "h264-fragmented.mp4", 25 },
        { "h264.mov", 25 },
        { "h264.mkv", 25 },
        { "h264-10bit.mkv", 25 },
        { "h264-yuv444p.mp4", 25 },
        { "h264.ts", 25 },
        { "vp8.webm", 25 },
        { "vp9.webm", 25 },
        { "vp9-yuv444p.webm", 25 },
        { "mpeg4.avi", 25 },
        { "mjpeg.avi", 25 },
        { "ffv1.mkv", 25 },
        { "odd-97x67.mkv", 25 },
        { "rotated-90.mp4", 25 },
        { "header-50fps-frames-25.avi", 25 },
        { "vfr-pause.mkv", 25 },
        { "vfr-pause.mp4", 25 },
        { "one-frame-700x700.webm", 25 },
    };

    /// <summary>
    /// Damaged files: name, and whether the damage leaves a gap in the timestamps. A cut tail need not; nor does an
    /// AVI, whose timestamps are frame numbers: FFmpeg's AVI demuxer closes up over the chunks it skips.
    /// </summary>
    public static readonly TheoryData<string, bool> DamagedFiles = new()
    {
        { "garbage-h264.mp4", true },
        { "garbage-h264.mkv", true },
        { "garbage-mpeg4.avi", false },
        { "garbage-h264.ts", true },
        { "zeros-h264.mp4", true },
        { "zeros-mpeg4.avi", false },
        { "lost-keyframe-h264.mp4", true },
        { "lost-keyframe-h264.mkv", true },
        { "cut-tail-h264.mp4", false },
        { "cut-tail-h264.mkv", false },
    };

    public VideoCorpus()
    {
        Directory = Path.Combine(Path.GetTempPath(), "liveconv-tests", "corpus-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Make("h264-bframes.mp4", [.. Clean50, .. H264, "-bf", "2", "-g", "12"]);
        Make("h264-editlist.mp4", ["-itsoffset", "0.5", "-i", this["h264-bframes.mp4"], "-c", "copy"]);
        Make("h264-fragmented.mp4", [.. Clean50, .. H264, "-bf", "2", "-g", "12", "-movflags", "+frag_keyframe+empty_moov+default_base_moof"]);
        Make("h264.mov", [.. Clean50, .. H264]);
        Make("h264.mkv", [.. Clean50, .. H264]);
        Make("h264-10bit.mkv", [.. Clean50, "-c:v", "libx264", "-pix_fmt", "yuv420p10le"]);
        Make("h264-yuv444p.mp4", [.. Clean50, "-c:v", "libx264", "-pix_fmt", "yuv444p"]);
        Make("h264.ts", [.. Clean50, .. H264]);
        Make("vp8.webm", [.. Clean50, "-c:v", "libvpx", "-b:v", "300k"]);
        Make("vp9.webm", [.. Clean50, "-c:v", "libvpx-vp9", "-b:v", "300k"]);
        Make("vp9-yuv444p.webm", [.. Clean50, "-c:v", "libvpx-vp9", "-pix_fmt", "yuv444p", "-b:v", "300k"]);
        Make("mpeg4.avi", [.. Clean50, "-c:v", "mpeg4", "-q:v", "3"]);
        Make("mjpeg.avi", [.. Clean50, "-c:v", "mjpeg", "-q:v", "3"]);
        Make("ffv1.mkv", [.. Clean50, "-c:v", "ffv1"]);
        // testsrc2 rounds sizes to even; testsrc keeps 97x67, which 4:2:0 cannot hold, so 4:4:4.
        Make("odd-97x67.mkv", ["-f", "lavfi", "-i", "testsrc=size=97x67:rate=25", "-frames:v", "50", "-c:v", "libx264", "-pix_fmt", "yuv444p"]);
        Make("rotated-90.mp4", [.. Clean50, .. H264]);
        Mp4Rotation.SetQuarterTurn(this["rotated-90.mp4"]);
        // 25 frames a second in an AVI whose header says 50: passthrough timing at 1/50 s leaves every other slot empty.
        Make("header-50fps-frames-25.avi", [.. Clean50, "-c:v", "mpeg4", "-q:v", "3", "-r", "50", "-fps_mode", "passthrough"]);
        // Frames 10-19 left out and the others keep their times: a 0.44 s pause.
        string[] pause = [.. Clean50, "-vf", "select='not(between(n,10,19))'", "-fps_mode", "passthrough", .. H264];
        Make("vfr-pause.mkv", pause);
        Make("vfr-pause.mp4", pause);
        Make("one-frame-700x700.webm", ["-f", "lavfi", "-i", "testsrc2=size=700x700:rate=25", "-frames:v", "1", "-c:v", "libvpx-vp9", "-pix_fmt", "yuv444p"]);
        MakeDamaged();
    }

    public string Directory { get; }

    public string this[string name] => _files[name];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Make(string name, string[] args)
    {
        string path = Path.Combine(Directory, name);
        Ffmpeg([.. args, path]);
        _files[name] = path;
    }

    private void MakeDamaged()
    {
        string[] source = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "100"];
        string[] h264 = [.. source, .. H264, "-g", "25"];
        string[] mpeg4 = [.. source, "-c:v", "mpeg4", "-g", "25", "-q:v", "4"];
        Make("garbage-h264.mp4", h264);
        Damage.Garbage(this["garbage-h264.mp4"], 0.4, 8192);
        Make("garbage-h264.mkv", h264);
        Damage.Garbage(this["garbage-h264.mkv"], 0.4, 8192);
        Make("garbage-mpeg4.avi", mpeg4);
        Damage.Garbage(this["garbage-mpeg4.avi"], 0.4, 8192);
        Make("garbage-h264.ts", h264);
        Damage.Garbage(this["garbage-h264.ts"], 0.4, 8192);
        Make("zeros-h264.mp4", h264);
        Damage.Zeros(this["zeros-h264.mp4"], 0.5, 16384);
        Make("zeros-mpeg4.avi", mpeg4);
        Damage.Zeros(this["zeros-mpeg4.avi"], 0.5, 16384);
        Make("lost-keyframe-h264.mp4", h264);
        Damage.LoseMiddleKeyframe(this["lost-keyframe-h264.mp4"]);
        Make("lost-keyframe-h264.mkv", h264);
        Damage.LoseMiddleKeyframe(this["lost-keyframe-h264.mkv"]);
        // The index first (faststart), so a download cut short still opens.
        Make("cut-tail-h264.mp4", [.. h264, "-movflags", "+faststart"]);
        Damage.CutTail(this["cut-tail-h264.mp4"], 0.7);
        Make("cut-tail-h264.mkv", h264);
        Damage.CutTail(this["cut-tail-h264.mkv"], 0.7);
    }
}
