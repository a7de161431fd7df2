using LiveConv.App.Cli;
using LiveConv.App.Running.Batch;
using LiveConv.App.Tests.Cli;

namespace LiveConv.App.Tests.Running.Batch;

/// <summary>Which --source values make a batch, and the inputs, keys and names they give (empty files: only names matter here).</summary>
public sealed class BatchSourcesTests
{
    [Fact]
    public void FolderOfVideos_IsABatch_FolderOfImages_IsNot()
    {
        string dir = LiveconvProcess.TempDirectory();
        string videos = Touch(dir, "videos/b.mp4", "videos/a.MKV", "videos/notes.txt");
        string images = Touch(dir, "images/f1.png", "images/f2.png");

        Assert.True(BatchSources.IsBatch([videos]));
        Assert.False(BatchSources.IsBatch([images]));
        Assert.Equal(["a.MKV", "b.mp4"], BatchSources.Resolve([videos]).Select(i => i.Key));
        Assert.Equal(["a", "b"], BatchSources.Resolve([videos]).Select(i => i.Name));
    }

    [Fact]
    public void FolderOfImagesAndVideos_IsRefused()
    {
        string dir = Touch(LiveconvProcess.TempDirectory(), "mixed/a.mp4", "mixed/f1.png");

        var e = Assert.Throws<UsageException>(() => BatchSources.IsBatch([dir]));
        Assert.Equal($"--source: folder '{dir}' holds both images (1) and videos (1); a folder of images is one image sequence and a folder of videos a batch: "
            + $"give one kind, or a glob such as '{Path.Combine(dir, "*.mp4")}'", e.Message);
    }

    [Fact]
    public void Glob_CollidingNames_GetTheirKeysHash()
    {
        string dir = LiveconvProcess.TempDirectory();
        Touch(dir, "term/a/x.mp4", "term/b/x.mp4", "term/b/y.mp4", "term/b/y.txt");

        var inputs = BatchSources.Resolve([Path.Combine(dir, "term", "*", "*.mp4")]);

        Assert.Equal(["a/x.mp4", "b/x.mp4", "b/y.mp4"], inputs.Select(i => i.Key));
        Assert.Equal([$"x-{BatchSources.KeyHash("a/x.mp4")[..8]}", $"x-{BatchSources.KeyHash("b/x.mp4")[..8]}", "y"], inputs.Select(i => i.Name));
    }

    [Fact]
    public void Glob_MatchingNothing_IsAUsageError()
    {
        string pattern = Path.Combine(LiveconvProcess.TempDirectory(), "*.mp4");

        Assert.Equal($"--source: '{pattern}' matches no file", Assert.Throws<UsageException>(() => BatchSources.Resolve([pattern])).Message);
    }

    [Fact]
    public void List_PathsRelativeToItsFolder_BlankAndCommentLinesIgnored_MissingFilesKept()
    {
        string dir = LiveconvProcess.TempDirectory();
        Touch(dir, "lists/clips/a.mp4", "other/b.mp4");
        string list = Path.Combine(dir, "lists", "term.txt");
        File.WriteAllLines(list, ["# the term's lectures", "clips/a.mp4", "", "  ../other/b.mp4  ", "clips/missing.mp4"]);

        var inputs = BatchSources.Resolve(["@" + list]);

        Assert.Equal(["../other/b.mp4", "clips/a.mp4", "clips/missing.mp4"], inputs.Select(i => i.Key));
        Assert.Equal(Path.Combine(dir, "other", "b.mp4"), inputs[0].Path);
    }

    private static string Touch(string dir, params string[] files)
    {
        foreach (string file in files)
        {
            string path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, []);
        }

        return Path.GetDirectoryName(Path.Combine(dir, files[0]))!;
    }
}
