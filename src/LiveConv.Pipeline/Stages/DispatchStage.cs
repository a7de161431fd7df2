using System.Threading.Channels;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Numbers the frames that survived the live drops, 0, 1, 2, … so that the order the engine workers scramble can
/// be restored without waiting for a dropped frame; hands a frame on only when the <see cref="InFlightLimit"/> has
/// room for it.
/// </summary>
public sealed class DispatchStage(InFlightLimit inFlight)
{
    public async Task RunAsync(ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        try
        {
            long sequence = 0;
            await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                frame.Sequence = sequence++;
                await inFlight.EnterAsync(cancellationToken).ConfigureAwait(false);
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
