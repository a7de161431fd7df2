using LiveConv.Engine.Fast;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>Steady state allocates nothing, on the caller or on the pool threads (run alone: the process-wide count sees every test).</summary>
[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_frame_allocates_nothing_in_steady_state(int dop)
    {
        foreach (var network in new[] { StandardWorkloads.W1(320, 180), StandardWorkloads.W2(160, 90), StandardWorkloads.W4(320, 180) })
        {
            var format = StandardWorkloads.FrameFormat(network);
            var frame = StandardWorkloads.Frame(network);
            int stride = network.Input.Width * format.Channels();
            using var runner = new NetworkRunner(network, new RunnerOptions { MaxDegreeOfParallelism = dop });
            for (int i = 0; i < 30; i++)
            {
                runner.Run(frame, stride, format);
            }

            // A per-frame allocation shows in every window of 20 frames; a one-off (tiered JIT, pool housekeeping) does not.
            long thread = long.MaxValue, total = long.MaxValue;
            for (int window = 0; window < 8; window++)
            {
                long t0 = GC.GetAllocatedBytesForCurrentThread(), a0 = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 20; i++)
                {
                    runner.Run(frame, stride, format);
                }

                thread = Math.Min(thread, GC.GetAllocatedBytesForCurrentThread() - t0);
                total = Math.Min(total, GC.GetTotalAllocatedBytes(precise: true) - a0);
            }

            // The caller runs the same band code as the pool helpers: nothing at all.
            Assert.Equal(0, thread);

            // Process-wide the test host's own threads add a few hundred bytes now and then (seen even at DOP 1, with
            // no helper). A task, closure or delegate per frame is 64+ bytes: 20 frames of one would pass 1280.
            Assert.True(total < 1024, $"{total} bytes allocated over 20 frames at DOP {dop}.");
        }
    }
}
