using LiveConv.Engine.Fast;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>
/// The Simd-category tests also run with the runtime's ISA switches off; this one checks the switch took effect, so
/// such a run cannot pass vacuously on the widest tier. On .NET 10 AVX-512 is switched off with
/// DOTNET_EnableAVX512=0; the older DOTNET_EnableAVX512F=0 is ignored by the runtime, and this test says so.
/// </summary>
public class SimdTierTests
{
    [Fact]
    [Trait("Category", "Simd")]
    public void Active_tier_matches_the_runtime_switches()
    {
        SimdTier? expected =
            Off("DOTNET_EnableHWIntrinsic") ? SimdTier.Scalar
            : Off("DOTNET_EnableAVX2") || Off("DOTNET_EnableAVX") ? SimdTier.Vector128
            : Off("DOTNET_EnableAVX512") ? SimdTier.Vector256
            : null;

        if (expected is null && Off("DOTNET_EnableAVX512F") && SimdTiers.Best == SimdTier.Vector512)
        {
            Assert.Fail("DOTNET_EnableAVX512F=0 is set but AVX-512 is still on: .NET 10 ignores that switch; use DOTNET_EnableAVX512=0.");
        }

        using var runner = new NetworkRunner(StandardWorkloads.W1(32, 8));
        Assert.Equal(SimdTiers.Best, runner.Tier);
        if (expected is not null)
        {
            Assert.Equal(expected, runner.Tier);
        }
    }

    [Fact]
    public void A_narrower_tier_can_be_asked_for_but_not_a_wider_one()
    {
        var network = StandardWorkloads.W1(32, 8);
        using var scalar = new NetworkRunner(network, new RunnerOptions { Tier = SimdTier.Scalar });
        Assert.Equal(SimdTier.Scalar, scalar.Tier);
        using var widest = new NetworkRunner(network, new RunnerOptions { Tier = SimdTier.Vector512 });
        Assert.Equal(SimdTiers.Best, widest.Tier);
    }

    private static bool Off(string name) => Environment.GetEnvironmentVariable(name) is "0";
}
