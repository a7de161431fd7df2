using System.Buffers.Binary;
using System.Globalization;
using LiveConv.App.Cli;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// One of <see cref="Count"/> disjoint shares of a batch, <see cref="Index"/> 0-based (0 … N-1, as Kubernetes numbers
/// an Indexed Job's pods and as <c>sbatch --array=0-(N-1)</c> numbers its tasks). An input belongs to the shard its
/// key's SHA-256 (first 8 bytes, mod N) names: every shard decides alone, with no coordinator and no shared state,
/// and the answer depends on the input alone, so reordering the list, or adding and removing other files, moves no
/// input from one shard to another. Sorting then dealing round-robin would give even shares but move most inputs
/// when one is inserted, which breaks resuming an archive that grows. The price is shares that are even only on
/// average (binomial: 1,000 inputs over 10 shards give about 100 ± 10 each).
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(0, 1);

    /// <summary>The manifest this shard appends to: shards running at once never write one file.</summary>
    public string ManifestName => Count == 1 ? "manifest.jsonl" : string.Create(CultureInfo.InvariantCulture, $"manifest.{Index}-of-{Count}.jsonl");

    public bool Owns(BatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Count == 1)
        {
            return true;
        }

        ulong hash = BinaryPrimitives.ReadUInt64BigEndian(Convert.FromHexString(BatchSources.KeyHash(input.Key).AsSpan(0, 16)));
        return (int)(hash % (ulong)Count) == Index;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary><c>--shard K/N</c>, K from 0 to N-1.</summary>
    /// <exception cref="UsageException">Not K/N with 0 ≤ K &lt; N.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2 && Int(parts[0]) is { } k && Int(parts[1]) is { } n && n > 0 && k < n
            ? new Shard((int)k, (int)n)
            : throw new UsageException($"--shard: expected K/N with 0 <= K < N (0-based, e.g. 0/4 … 3/4), got \"{text}\"");
    }

    /// <summary>
    /// The shard the scheduler that started this process asked for, when <c>--shard</c> is not given: a Slurm job array
    /// (SLURM_ARRAY_TASK_ID among SLURM_ARRAY_TASK_COUNT tasks, numbered from SLURM_ARRAY_TASK_MIN in steps of
    /// SLURM_ARRAY_TASK_STEP, so --array=1-8 works as well as 0-7), else a Kubernetes Indexed Job (JOB_COMPLETION_INDEX,
    /// the count given by <paramref name="shards"/>, since the pod is not told its job's completions); else all.
    /// </summary>
    /// <exception cref="UsageException">The environment describes no usable share.</exception>
    public static Shard FromEnvironment(Func<string, string?> environment, int? shards)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("SLURM_ARRAY_TASK_ID") is { } id)
        {
            long? count = Int(environment("SLURM_ARRAY_TASK_COUNT"));
            long min = Int(environment("SLURM_ARRAY_TASK_MIN")) ?? 0;
            long max = Int(environment("SLURM_ARRAY_TASK_MAX")) ?? min + ((count ?? 1) - 1);
            long step = Int(environment("SLURM_ARRAY_TASK_STEP")) ?? 1;
            // A list (--array=0,3,7) has no step that numbers its tasks 0 … N-1 without gaps.
            if (Int(id) is not { } task || count is not { } n || n <= 0 || step <= 0 || (max - min) / step + 1 != n || (task - min) % step != 0)
            {
                throw new UsageException($"Slurm job array: SLURM_ARRAY_TASK_ID={id}, SLURM_ARRAY_TASK_COUNT={environment("SLURM_ARRAY_TASK_COUNT")}, "
                    + $"SLURM_ARRAY_TASK_MIN={environment("SLURM_ARRAY_TASK_MIN")}, SLURM_ARRAY_TASK_STEP={environment("SLURM_ARRAY_TASK_STEP")} is not one task of a range such as --array=0-7; "
                    + "submit the array as a range, or give --shard K/N");
            }

            return Checked(new Shard((int)((task - min) / step), (int)n), "Slurm job array");
        }

        if (environment("JOB_COMPLETION_INDEX") is { } index)
        {
            if (shards is not { } n)
            {
                throw new UsageException($"JOB_COMPLETION_INDEX={index} is set (a Kubernetes Indexed Job) but not the number of shards: add --shards N, N the job's completions");
            }

            return Int(index) is { } k ? Checked(new Shard((int)k, n), "JOB_COMPLETION_INDEX") : throw new UsageException($"JOB_COMPLETION_INDEX: expected a number, got \"{index}\"");
        }

        return shards is null ? All
            : throw new UsageException($"--shards {shards}: this process is not a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is not set); give --shard K/N instead");
    }

    private static Shard Checked(Shard shard, string from) =>
        shard.Index < shard.Count ? shard : throw new UsageException($"{from}: task {shard.Index} of {shard.Count} is out of range (0 … {shard.Count - 1})");

    private static long? Int(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= int.MaxValue ? value : null;
}
