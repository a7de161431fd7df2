using LiveConv.Engine.Tensors;

namespace LiveConv.Pipeline.Sources;

/// <param name="Name">What to call it in messages: "camera 0", "clip.mp4", "synthetic".</param>
/// <param name="IsLive">True for a camera or a real-time synthetic scene: frames are dropped, never queued.</param>
/// <param name="FrameCount">Frames to expect, when the source knows (files, folders); null when endless or unknown.</param>
public sealed record SourceInfo(string Name, int Width, int Height, PixelFormat Format, double Fps, bool IsLive, long? FrameCount);
