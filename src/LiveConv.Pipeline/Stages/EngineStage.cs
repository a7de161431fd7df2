using System.Diagnostics;
using System.Threading.Channels;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Engine workers, one per engine instance, taking frames from one channel as they become free; frames leave in
/// the order they finish. The output completes when the last worker is done.
/// </summary>
public sealed class EngineStage(IReadOnlyList<IFrameEngine> engines)
{
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

    private static async Task Work(IFrameEngine engine, ChannelReader<Frame> reader, ChannelWriter<Frame> writer, CancellationToken cancellationToken)
    {
        await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            long started = Stopwatch.GetTimestamp();
            engine.Process(frame);
            frame.Times[Stage.Engine] = Stopwatch.GetElapsedTime(started);
            await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }
}
