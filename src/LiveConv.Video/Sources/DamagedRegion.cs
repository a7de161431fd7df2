namespace LiveConv.Video.Sources;

/// <summary>
/// A stretch of a video where decoding failed: no frame decoded between the frame at <paramref name="After"/> and the
/// frame at <paramref name="Before"/>, a gap of <paramref name="FramesLost"/> frames at the stream's rate.
/// </summary>
/// <param name="After">The timestamp of the last frame decoded before the damage (zero when the damage opens the file).</param>
/// <param name="Before">The timestamp of the first frame decoded after it.</param>
public sealed record DamagedRegion(TimeSpan After, TimeSpan Before, long FramesLost);
