using LiveConv.App.Cli;
using LiveConv.App.Running.Batch;

namespace LiveConv.App.Tests.Running.Batch;

/// <summary>Shares of a batch: disjoint, complete, stable under reordering, and read from Slurm's and Kubernetes' environment.</summary>
public sealed class ShardTests
{
    private static readonly BatchInput[] Inputs = [.. Enumerable.Range(0, 7).Select(i => new BatchInput($"/archive/day{i % 2}/clip{i}.mp4", $"day{i % 2}/clip{i}.mp4", $"clip{i}"))];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void NShards_CoverEveryInputExactlyOnce(int count)
    {
        var owners = Inputs.Select(input => Enumerable.Range(0, count).Where(k => new Shard(k, count).Owns(input)).ToList()).ToList();

        Assert.All(owners, o => Assert.Single(o));
    }

    [Fact]
    public void Share_DependsOnTheInputAlone_NotOnTheListsOrderOrOtherInputs()
    {
        var shard = new Shard(1, 3);
        var mine = Inputs.Where(shard.Owns).Select(i => i.Key).ToHashSet();

        var grown = Inputs.Reverse().Append(new BatchInput("/archive/new.mp4", "new.mp4", "new")).Where(shard.Owns).Select(i => i.Key).ToHashSet();

        Assert.Subset(grown, mine);
        Assert.True(grown.SetEquals(mine) || grown.SetEquals([.. mine, "new.mp4"]));
    }

    [Theory]
    [InlineData("0", "3", "0", "2", null, 0)] // --array=0-2
    [InlineData("3", "3", "1", "3", null, 2)] // --array=1-3: the last task is shard 2
    [InlineData("14", "4", "2", "14", "4", 3)] // --array=2-14:4
    public void SlurmArray_TaskIndexFromItsRange(string id, string count, string min, string max, string? step, int index)
    {
        var env = new Dictionary<string, string?>
        {
            ["SLURM_ARRAY_TASK_ID"] = id, ["SLURM_ARRAY_TASK_COUNT"] = count, ["SLURM_ARRAY_TASK_MIN"] = min, ["SLURM_ARRAY_TASK_MAX"] = max, ["SLURM_ARRAY_TASK_STEP"] = step,
        };

        Assert.Equal(new Shard(index, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)), Shard.FromEnvironment(n => env.GetValueOrDefault(n), null));
    }

    [Fact]
    public void SlurmArray_AList_IsRefused()
    {
        // --array=0,3,7: three tasks, but MIN..MAX spans eight numbers.
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "7" };

        var e = Assert.Throws<UsageException>(() => Shard.FromEnvironment(n => env.GetValueOrDefault(n), null));
        Assert.Contains("is not one task of a range such as --array=0-7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KubernetesIndexedJob_IndexWithShards()
    {
        Assert.Equal(new Shard(4, 5), Shard.FromEnvironment(n => n == "JOB_COMPLETION_INDEX" ? "4" : null, 5));
        Assert.Contains("add --shards N", Assert.Throws<UsageException>(() => Shard.FromEnvironment(n => n == "JOB_COMPLETION_INDEX" ? "4" : null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Assert.Throws<UsageException>(() => Shard.FromEnvironment(n => n == "JOB_COMPLETION_INDEX" ? "5" : null, 5)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoScheduler_AllInputs() => Assert.Equal(Shard.All, Shard.FromEnvironment(_ => null, null));

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData("0/1", 0, 1)]
    public void Parse_ZeroBased(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("3/3")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    public void Parse_OutOfRange_IsAUsageError(string text) =>
        Assert.Equal($"--shard: expected K/N with 0 <= K < N (0-based, e.g. 0/4 … 3/4), got \"{text}\"", Assert.Throws<UsageException>(() => Shard.Parse(text)).Message);
}
