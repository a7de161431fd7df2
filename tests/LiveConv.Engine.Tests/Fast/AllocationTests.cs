using LiveConv.Engine.Fast;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>Steady state allocates nothing, on the caller or on the band helper threads.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_frame_allocates_nothing_in_steady_state(int dop)
    {
        // ResNet's blocks and stem run Winograd (at these sizes and AVX-512, one filter block's products per pass).
        foreach (var network in new[]
        {
            StandardWorkloads.W1(320, 180), StandardWorkloads.W2(160, 90), StandardWorkloads.W4(320, 180),
            StandardWorkloads.ResNetBlocks(260, 75), StandardWorkloads.ResNetStem(700, 40),
        })
        {
            var format = StandardWorkloads.FrameFormat(network);
            var frame = StandardWorkloads.Frame(network);
            int stride = network.Input.Width * format.Channels();
            using var runner = new NetworkRunner(network, new RunnerOptions { MaxDegreeOfParallelism = dop });
            for (int i = 0; i < 30; i++)
            {
                runner.Run(frame, stride, format);
            }

            // Counted on the threads that run the frame, the caller and the band helpers, so the test host's own
            // threads cannot add to it. A per-frame allocation shows in every window of 20 frames; a one-off (tiered
            // JIT, a helper's first band) does not.
            long caller = long.MaxValue, helpers = long.MaxValue;
            for (int window = 0; window < 8; window++)
            {
                long c0 = GC.GetAllocatedBytesForCurrentThread(), h0 = runner.HelperAllocatedBytes;
                for (int i = 0; i < 20; i++)
                {
                    runner.Run(frame, stride, format);
                }

                caller = Math.Min(caller, GC.GetAllocatedBytesForCurrentThread() - c0);
                helpers = Math.Min(helpers, runner.HelperAllocatedBytes - h0);
            }

            Assert.Equal(0, caller);
            Assert.Equal(0, helpers);
        }
    }
}
