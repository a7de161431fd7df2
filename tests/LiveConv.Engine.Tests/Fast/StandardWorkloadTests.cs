using LiveConv.Engine.Fast;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>The four benchmark workloads at full size against the reference, once each.</summary>
public class StandardWorkloadTests
{
    public static TheoryData<string> Names() => ["W1", "W2", "W3", "W4"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_matches_reference(string name)
    {
        var network = name switch
        {
            "W1" => StandardWorkloads.W1(),
            "W2" => StandardWorkloads.W2(),
            "W3" => StandardWorkloads.W3(),
            _ => StandardWorkloads.W4(),
        };
        var format = StandardWorkloads.FrameFormat(network);
        FastAssert.MatchesReference(network, StandardWorkloads.Frame(network), format, new RunnerOptions { MaxDegreeOfParallelism = 2 });
    }
}
