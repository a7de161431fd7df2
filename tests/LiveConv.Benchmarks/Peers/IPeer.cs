using LiveConv.Benchmarks.Workloads;

namespace LiveConv.Benchmarks.Peers;

/// <summary>One way of computing a workload's output from its u8 frame, timed frame by frame.</summary>
public interface IPeer : IDisposable
{
    string Name { get; }

    /// <summary>Sets up for a workload (models, buffers) outside the timing. Throws <see cref="NotSupportedException"/>
    /// when this peer cannot express the workload.</summary>
    void Prepare(Workload workload);

    /// <summary>One frame, u8 in, the last layer's output written to <see cref="Output"/>.</summary>
    void Run();

    /// <summary>The last layer's output of the last run, CHW.</summary>
    ReadOnlySpan<float> Output { get; }
}
