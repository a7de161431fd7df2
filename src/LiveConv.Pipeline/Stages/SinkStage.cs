using System.Diagnostics;
using System.Threading.Channels;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Sinks;

namespace LiveConv.Pipeline.Stages;

/// <summary>
/// Gives each frame to every sink, in order, then to the window when there is one, else back to the pool. The
/// sinks are finalized however the run ends, so an output file is never left half-written.
/// </summary>
public sealed class SinkStage(IReadOnlyList<IFrameSink> sinks, PipelineStats stats, FramePool pool)
{
    /// <param name="display">Where shown frames go; null when headless.</param>
    public async Task RunAsync(ChannelReader<Frame> reader, ChannelWriter<Frame>? display, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                long started = Stopwatch.GetTimestamp();
                foreach (var sink in sinks)
                {
                    sink.Write(frame);
                }

                frame.Times[Stage.Sink] = Stopwatch.GetElapsedTime(started);
                if (display is null)
                {
                    stats.OnOutput(frame);
                    pool.Return(frame);
                }
                else
                {
                    await display.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            display?.TryComplete(ex);
            throw;
        }
        finally
        {
            display?.TryComplete();
            FinalizeSinks();
        }
    }

    private void FinalizeSinks()
    {
        List<Exception>? errors = null;
        foreach (var sink in sinks)
        {
            try
            {
                sink.Dispose();
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("a sink failed to finalize its output", errors);
        }
    }
}
