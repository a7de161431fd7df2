namespace LiveConv.Video.Sources;

/// <summary>
/// A stream's frame rate from the timestamps of its first frames, because the header's can be wrong: an AVI whose
/// header says 50 fps while its frames come every 40 ms, a variable-rate MP4 whose average is 20 fps while its frames
/// are 25 fps with a pause. The median interval resists one gap; the intervals within a millisecond of it (OpenCV gives
/// timestamps in whole milliseconds: 66, 67, 67, 66 at 15 fps) are averaged; the header's figure is kept when it
/// agrees to 1 % (it is exact, 30000/1001 rather than 29.97003).
/// </summary>
public static class FrameRateEstimate
{
    public const double Fallback = 30;

    /// <summary>The resolution of OpenCV's CAP_PROP_POS_MSEC.</summary>
    private const double ResolutionMs = 1;

    /// <param name="timestampsMs">The first frames' timestamps, in presentation order.</param>
    /// <param name="headerFps">What the container says (OpenCV's CAP_PROP_FPS); anything outside (0, 1000) means unknown.</param>
    public static double From(IReadOnlyList<double> timestampsMs, double headerFps)
    {
        ArgumentNullException.ThrowIfNull(timestampsMs);
        double header = headerFps is > 0 and < 1000 ? headerFps : Fallback;
        if (timestampsMs.Count < 2)
        {
            return header;
        }

        var intervals = timestampsMs.Zip(timestampsMs.Skip(1), (a, b) => b - a).Order().ToArray();
        // The lower median: of two intervals, one of them a pause, the frame interval is the shorter.
        double median = intervals[(intervals.Length - 1) / 2];
        if (median <= 0)
        {
            return header;
        }

        double fps = 1000 / intervals.Where(i => Math.Abs(i - median) <= ResolutionMs).Average();
        return fps is <= 0 or >= 1000 ? header : Math.Abs(fps - header) <= 0.01 * fps ? header : fps;
    }
}
