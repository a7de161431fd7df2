namespace LiveConv.Video.Sources;

/// <summary>
/// Finds the damaged regions of a video from what its reader saw: failed reads or FFmpeg errors (decoding failed),
/// and gaps in the timestamps of the frames handed out, longer than the stream's frame interval (frames lost). A gap
/// counts only after a failure: a clean file has none, and its gaps are a variable frame rate. Frames are counted by
/// timestamps, as ffmpeg counts them, never against the container's announced frame count. A failure that leaves no
/// gap (the decoder concealed the damage, or an AVI, whose timestamps are frame numbers, closed up over it) is still a
/// region, with no frame lost by the timestamps.
/// </summary>
public sealed class DamageTracker
{
    private readonly double _intervalMs;
    private readonly int _reach;
    private readonly List<DamagedRegion> _regions = [];
    private double? _lastMs;
    private int _attributable;
    private double? _failedAfter;
    private double? _firstAfterFailure;
    private bool _explained;

    /// <param name="intervalMs">The stream's frame interval.</param>
    /// <param name="reach">Frames handed out after a failure in which its gaps may show: a decoder running on several
    /// threads still returns the frames it had started, and the reader holds a few more to put them in order, so the
    /// gap comes some frames after the failed read.</param>
    public DamageTracker(double intervalMs, int reach)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        _intervalMs = intervalMs;
        _reach = reach;
    }

    public IReadOnlyList<DamagedRegion> Regions => _regions;

    /// <summary>Reads failed or FFmpeg logged errors, and then a frame decoded again.</summary>
    public void Failed()
    {
        if (_attributable == 0)
        {
            _failedAfter = _lastMs;
            _firstAfterFailure = null;
            _explained = false;
        }

        _attributable = _reach + 1;
    }

    /// <summary>A frame was handed out at <paramref name="ms"/> (strictly after the previous one).</summary>
    public void Emitted(double ms)
    {
        if (_attributable > 0)
        {
            _firstAfterFailure ??= ms;
            // The first frame of a file is at 0: damage at the very start shows as a first frame later than that.
            double previous = _lastMs ?? -_intervalMs;
            long lost = (long)Math.Round((ms - previous) / _intervalMs) - 1;
            if (lost > 0)
            {
                Add(new DamagedRegion(TimeSpan.FromMilliseconds(Math.Max(previous, 0)), TimeSpan.FromMilliseconds(ms), lost));
                _explained = true;
            }

            if (--_attributable == 0 && !_explained)
            {
                Add(new DamagedRegion(TimeSpan.FromMilliseconds(_failedAfter ?? 0), TimeSpan.FromMilliseconds(_firstAfterFailure.Value), 0));
            }
        }

        _lastMs = ms;
    }

    /// <summary>A region that begins within two frames of the last one's end is the same damage: one line, not three.</summary>
    private void Add(DamagedRegion region)
    {
        if (_regions.Count > 0 && _regions[^1] is var last && (region.After - last.Before).TotalMilliseconds <= 2 * _intervalMs)
        {
            _regions[^1] = new DamagedRegion(last.After, region.Before, last.FramesLost + region.FramesLost);
            return;
        }

        _regions.Add(region);
    }

    /// <summary>The stream ended: a failure still waiting for its gap is a region of its own.</summary>
    public void Ended()
    {
        if (_attributable > 0 && !_explained && _firstAfterFailure is { } after)
        {
            Add(new DamagedRegion(TimeSpan.FromMilliseconds(_failedAfter ?? 0), TimeSpan.FromMilliseconds(after), 0));
        }

        _attributable = 0;
    }
}
