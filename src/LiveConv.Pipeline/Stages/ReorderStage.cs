using System.Threading.Channels;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Puts frames back in <see cref="Frame.Sequence"/> order after the parallel engine workers, and gives each frame's
/// place in the <see cref="InFlightLimit"/> back as it leaves.
/// </summary>
public sealed class ReorderStage(InFlightLimit inFlight)
{
    public async Task RunAsync(ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        try
        {
            // Holds at most the limit's frames: the workers wait for room.
            var early = new Dictionary<long, Frame>();
            long next = 0;
            await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                early.Add(frame.Sequence, frame);
                while (early.Remove(next, out var due))
                {
                    await writer.WriteAsync(due, cancellationToken).ConfigureAwait(false);
                    inFlight.Leave();
                    next++;
                }
            }

            if (early.Count > 0)
            {
                throw new InvalidOperationException($"frame {next} never came out of the engine; {early.Count} later frames were waiting for it");
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
