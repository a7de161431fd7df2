namespace LiveConv.Video.Sources;

/// <summary>What <c>--source</c> and its companions asked for.</summary>
/// <param name="Spec">camera:N, synthetic, a video file, an image file or a folder of images; null for the default.</param>
/// <param name="Width">Requested size: the camera is asked for it; the synthetic scene is drawn at it.</param>
/// <param name="Realtime">Pace the source at its fps and drop frames rather than queue them.</param>
/// <param name="Loop">Repeat an image or a folder without end.</param>
public sealed record SourceOptions(
    string? Spec, int Width, int Height, double Fps, bool Realtime, bool Loop, int Seed, bool SizeRequested, bool FpsRequested);
