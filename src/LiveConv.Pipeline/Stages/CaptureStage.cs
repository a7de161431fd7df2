using System.Threading.Channels;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Pipeline.Stages;

/// <summary>Reads the source into pooled frames, stamps them, and hands them on; stops at the end, at the frame
/// limit, when asked to stop, or when the source fails.</summary>
/// <param name="pace">Hold frames to their source time even if the source is not <see cref="SourceInfo.Paced"/>.</param>
/// <param name="pause">Holds the reading while paused; the pacing clock stops meanwhile.</param>
public sealed class CaptureStage(IFrameSource source, FramePool pool, PipelineStats stats, long? maxFrames, bool pace = false, PauseGate? pause = null)
{
    /// <param name="stop">A graceful stop (Ctrl+C, q, the frame limit): the stage ends without error.</param>
    /// <param name="abort">Another stage failed: the stage ends as fast as it can.</param>
    public Task RunAsync(ChannelWriter<Frame> writer, CancellationToken stop, CancellationToken abort) =>
        // Source reads block (camera, decoder): they get a thread of their own, not a pool thread, and the
        // loop stays synchronous so it keeps that thread.
        Task.Factory.StartNew(() => Run(writer, stop, abort), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(ChannelWriter<Frame> writer, CancellationToken stop, CancellationToken abort)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
        using var clock = new ClockWait(stats.Time);
        try
        {
            long count = 0;
            long? origin = null;
            while (maxFrames is not { } max || count < max)
            {
                long held = stats.Time.GetTimestamp();
                if (pause?.WaitWhilePaused(either.Token) == true && origin is { } o)
                {
                    // The frames after a pause are due that much later, not all at once.
                    origin = o + (stats.Time.GetTimestamp() - held);
                }

                var frame = pool.Rent();
                // On the pipeline's clock, like the pacing: a fake clock in a test shows a wait counted as reading.
                long started = stats.Time.GetTimestamp();
                if (!source.Read(frame, either.Token))
                {
                    pool.Return(frame);
                    break;
                }

                var reading = stats.Time.GetElapsedTime(started);
                if (pace || source.Info.Paced)
                {
                    origin ??= stats.Time.GetTimestamp();
                    WaitUntilDue(clock, frame, origin.Value, either.Token);
                    stats.OnPaced(stats.Time.GetElapsedTime(origin.Value) - frame.SourceTime);
                }

                frame.CaptureTimestamp = stats.Time.GetTimestamp();
                frame.Times[Stage.Capture] = reading;
                Write(writer, frame, either.Token);
                count++;
                stats.OnCaptured();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            // Asked to stop: what was captured drains through the other stages.
        }
        catch (Exception)
        {
            // A failing source ends the input like its end would: what was captured still goes through and into
            // the outputs. The pipeline reports this stage's fault once everything has drained.
            writer.TryComplete();
            throw;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>Holds a paced frame back until its source time, counted from the first frame.</summary>
    private void WaitUntilDue(ClockWait clock, Frame frame, long origin, CancellationToken cancellationToken)
    {
        try
        {
            clock.Wait(frame.SourceTime - stats.Time.GetElapsedTime(origin), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            pool.Return(frame);
            throw;
        }
    }

    private void Write(ChannelWriter<Frame> writer, Frame frame, CancellationToken cancellationToken)
    {
        try
        {
            while (!writer.TryWrite(frame))
            {
                writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for room: the frame never entered the pipeline.
            pool.Return(frame);
            throw;
        }
    }
}
