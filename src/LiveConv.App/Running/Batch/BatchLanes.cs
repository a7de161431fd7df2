using LiveConv.Pipeline.Frames;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// Runs a batch's inputs on a few lanes, each a thread taking the next input in key order: two lanes keep two files
/// in flight, so one file's start (opening, the decoder's first frames, the engines' warm-up) overlaps the other's
/// end and the cores stay busy across file boundaries. Each lane reuses one frame pool for all its files. A stop
/// ends the files in flight and starts no more.
/// </summary>
public sealed class BatchLanes(BatchFile file, BatchLedger ledger, BatchReport report, string outputDirectory)
{
    public IReadOnlyList<BatchOutcome> Run(IReadOnlyList<BatchInput> inputs, int lanes, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outcomes = new List<BatchOutcome>();
        int next = -1;
        void Lane()
        {
            var pool = new FramePool();
            for (int i; !stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < inputs.Count;)
            {
                var outcome = One(inputs[i], pool, stop);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }

                report.Finished(outcome, outputDirectory);
            }
        }

        // Threads of their own: each blocks on its file's pipeline, which runs on the thread pool.
        var threads = Enumerable.Range(0, lanes).Select(n => new Thread(Lane) { Name = $"batch lane {n}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return outcomes;
    }

    private BatchOutcome One(BatchInput input, FramePool pool, CancellationToken stop)
    {
        if (ledger.Done(input, out string? redo) is { } entry)
        {
            return new BatchOutcome(input, BatchOutcomeKind.Skipped, entry.FramesIn, entry.FramesOut, entry.Skipped, entry.Fps, entry.Output, null);
        }

        if (redo is not null)
        {
            report.Note($"redo     {input.Key}: {redo}");
        }

        BatchOutcome outcome;
        try
        {
            outcome = file.Run(input, pool, stop);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug met by one file is that file's failure; the others go on.
            outcome = new BatchOutcome(input, BatchOutcomeKind.Failed, 0, 0, 0, 0, null, $"unexpected error: {e.GetType().Name}: {e.Message}");
        }

        ledger.Record(outcome);
        return outcome;
    }
}
