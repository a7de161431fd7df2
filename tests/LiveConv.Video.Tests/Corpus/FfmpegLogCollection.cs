namespace LiveConv.Video.Tests.Corpus;

/// <summary>
/// Tests that assert where FFmpeg logged errors run alone: <see cref="LiveConv.Video.Sources.FfmpegLog"/>'s count is the process's,
/// so another test opening a broken file at the same time would put its errors on a clean file.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FfmpegLogCollection
{
    public const string Name = "FFmpeg's log";
}
