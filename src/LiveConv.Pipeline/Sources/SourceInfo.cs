using LiveConv.Engine.Tensors;

namespace LiveConv.Pipeline.Sources;

/// <param name="Name">What to call it in messages: "camera 0", "clip.mp4", "synthetic".</param>
/// <param name="IsLive">True for a camera or a real-time synthetic scene: frames are dropped, never queued.</param>
/// <param name="FrameCount">Frames to expect, when the source knows (folders) or estimates (a video: its header's count at
/// the real rate, for the progress bar only); null when endless or unknown.</param>
/// <param name="Paced">The capture stage holds each frame back until its <see cref="Frames.Frame.SourceTime"/> comes
/// (a file or the synthetic scene played in real time); a camera paces itself.</param>
/// <param name="Given">What a device actually gives, which may not be what was asked ("1280x720 MJPG at 30 fps"), for
/// the HUD; null for sources that give what they say.</param>
public sealed record SourceInfo(string Name, int Width, int Height, PixelFormat Format, double Fps, bool IsLive, long? FrameCount, bool Paced = false, string? Given = null);
