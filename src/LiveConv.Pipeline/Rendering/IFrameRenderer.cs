using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Rendering;

/// <summary>Draws a frame's feature maps (and the HUD lines) into <see cref="Frame.Mosaic"/>. Called from one thread.</summary>
public interface IFrameRenderer
{
    void Render(Frame frame, IReadOnlyList<string> hud);
}
