using Xunit.Abstractions;

namespace LiveConv.Conformance;

/// <summary>Checks the generator itself: reproducible, mostly valid drafts, and every option exercised.</summary>
public sealed class CaseGeneratorTests(ITestOutputHelper output)
{
    private static readonly ConformanceCase[] Cases = [.. ConformanceTests.AllSeeds.Select(CaseGenerator.Generate)];

    [Fact]
    public void Generate_SameSeed_GivesSameCase()
    {
        var a = CaseGenerator.Generate(12345);
        var b = CaseGenerator.Generate(12345);

        Assert.Equal(a.Describe(), b.Describe());
        Assert.Equal(a.Input.Data, b.Input.Data);
    }

    [Fact]
    public void Generate_SuiteSeeds_MostDraftsAreValid()
    {
        int rejected = Cases.Sum(c => c.Rejected);
        output.WriteLine($"{Cases.Length} accepted cases, {rejected} rejected drafts redrawn");

        // Rejections are redrawn, not skipped; still, a generator that mostly makes invalid networks tests little.
        Assert.True(rejected < Cases.Length, $"{rejected} rejected drafts for {Cases.Length} accepted cases");
    }

    [Fact]
    public void Generate_SuiteSeeds_CoverEveryOption()
    {
        var counts = Cases.SelectMany(c => CaseFeatures.Of(c.Network)).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (feature, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{feature}: {count}");
        }

        var missing = CaseFeatures.Required.Where(f => !counts.ContainsKey(f)).ToArray();
        Assert.True(missing.Length == 0, $"No suite case exercises: {string.Join(", ", missing)}");
    }
}
