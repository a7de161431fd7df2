using System.Diagnostics;
using System.Threading.Channels;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Rendering;

namespace LiveConv.Pipeline.Stages;

/// <summary>Draws each frame's mosaic with the current HUD.</summary>
public sealed class RenderStage(IFrameRenderer renderer, Hud hud)
{
    public async Task RunAsync(ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                long started = Stopwatch.GetTimestamp();
                renderer.Render(frame, hud.Lines(frame));
                frame.Times[Stage.Render] = Stopwatch.GetElapsedTime(started);
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
