using System.Diagnostics;
using System.Threading.Channels;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Engine workers, one per engine instance, taking frames from one channel as they become free; frames leave in
/// the order they finish. Each frame is numbered as a worker takes it, under one lock, so the numbers follow the
/// channel's order after its live drops, with no gap for the reorder stage to wait on. With an
/// <see cref="InFlightLimit"/> (several workers) a worker takes a place in it before it takes a frame. The output
/// completes when the last worker is done.
/// </summary>
public sealed class EngineStage(IReadOnlyList<IFrameEngine> engines, InFlightLimit? inFlight = null)
{
    private readonly object _take = new();
    private long _next;

    public async Task RunAsync(ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        try
        {
            // One worker failing stops the others: they would otherwise go on taking frames.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = engines.Select(engine => Task.Run(async () =>
            {
                try
                {
                    await Work(engine, reader, writer, failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    await failed.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            })).ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
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

    private async Task Work(IFrameEngine engine, ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (inFlight is not null)
            {
                await inFlight.EnterAsync(cancellationToken).ConfigureAwait(false);
            }

            if (await TakeAsync(reader, cancellationToken).ConfigureAwait(false) is not { } frame)
            {
                return;
            }

            long started = Stopwatch.GetTimestamp();
            engine.Process(frame);
            frame.Times[Stage.Engine] = Stopwatch.GetElapsedTime(started);
            await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next frame, numbered; null once the channel is done.</summary>
    private async ValueTask<Frame?> TakeAsync(ChannelReader<Frame> reader, CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_take)
            {
                if (reader.TryRead(out var frame))
                {
                    frame.Sequence = _next++;
                    return frame;
                }
            }
        }

        return null;
    }
}
