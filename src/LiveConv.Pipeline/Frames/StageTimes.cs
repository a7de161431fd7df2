namespace LiveConv.Pipeline.Frames;

/// <summary>How long one frame spent in each stage.</summary>
public sealed class StageTimes
{
    private readonly TimeSpan[] _times = new TimeSpan[Enum.GetValues<Stage>().Length];

    public TimeSpan this[Stage stage]
    {
        get => _times[(int)stage];
        set => _times[(int)stage] = value;
    }

    internal void Clear() => Array.Clear(_times);
}
