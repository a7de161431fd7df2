namespace LiveConv.App.Running.Batch;

/// <summary>What became of one input of a batch.</summary>
public enum BatchOutcomeKind
{
    /// <summary>Processed; its output is complete and its manifest line written.</summary>
    Done,

    /// <summary>Done by an earlier run for the same config, and its output checked.</summary>
    Skipped,

    /// <summary>Could not be processed (or only in part); the next run tries it again.</summary>
    Failed,

    /// <summary>Stopped by Ctrl+C or a signal mid-file; its video stays under its partial name and it is redone next time.</summary>
    Interrupted,
}

/// <summary>One input's result: its line, its table row and (done or failed) its manifest entry.</summary>
public sealed record BatchOutcome(BatchInput Input, BatchOutcomeKind Kind, long FramesIn, long FramesOut, long Skipped, double Fps, string? Output, string? Note);
