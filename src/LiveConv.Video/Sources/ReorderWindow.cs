namespace LiveConv.Video.Sources;

/// <summary>
/// Decoded frames held back a few at a time and handed out in timestamp order, each strictly after the one before.
/// A decoder may return a frame late after damage (H.264 with a lost reference picture gives frames 98 and 99 after
/// frame 122, as ffmpeg does too); a frame at or before one already handed out would be a repeat and is refused.
/// </summary>
public sealed class ReorderWindow<T>
{
    private readonly List<(double Ms, T Item)> _held = [];

    public int Count => _held.Count;

    /// <summary>The timestamp of the last frame handed out; null before the first.</summary>
    public double? LastTaken { get; private set; }

    /// <summary>The timestamps held, earliest first.</summary>
    public IEnumerable<double> Timestamps => _held.Select(h => h.Ms);

    /// <summary>Holds the frame, or refuses it (false) when it is not after the last frame handed out or one held.</summary>
    public bool Add(double ms, T item)
    {
        if (ms <= LastTaken || _held.Exists(h => h.Ms == ms))
        {
            return false;
        }

        int at = _held.FindIndex(h => h.Ms > ms);
        _held.Insert(at < 0 ? _held.Count : at, (ms, item));
        return true;
    }

    /// <summary>The earliest frame held.</summary>
    public (double Ms, T Item) TakeEarliest()
    {
        if (_held.Count == 0)
        {
            throw new InvalidOperationException("no frame is held");
        }

        var first = _held[0];
        _held.RemoveAt(0);
        LastTaken = first.Ms;
        return first;
    }

    /// <summary>Everything still held, for disposal.</summary>
    public IEnumerable<T> Items => _held.Select(h => h.Item);
}
