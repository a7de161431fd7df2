namespace LiveConv.Pipeline;

/// <summary>A stage failed and stopped the pipeline; the message names the stage and the cause.</summary>
public sealed class PipelineException(string stage, Exception inner)
    : Exception($"the {stage} stage failed: {inner.Message}", inner)
{
    public string Stage { get; } = stage;
}
