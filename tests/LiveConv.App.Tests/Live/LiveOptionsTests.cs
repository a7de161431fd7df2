using LiveConv.App.Live;

namespace LiveConv.App.Tests.Live;

public class LiveOptionsTests
{
    private static string Folder(params string[] files)
    {
        string dir = Cli.LiveconvProcess.TempDirectory();
        foreach (string file in files)
        {
            File.WriteAllText(Path.Combine(dir, file), "{}");
        }

        return dir;
    }

    [Fact]
    public void ConfigKeys_ByFileName_WithoutTheSchemaOrOtherFiles()
    {
        string dir = Folder("seed-lines.json", "edges.json", "liveconv.schema.json", "notes.txt", "classic.json");

        Assert.Equal(["1 classic  2 edges  3 seed-lines"], LiveOptions.ConfigKeys(dir));
    }

    [Fact]
    public void ConfigKeys_FiveToALine_TheTenthIsZero_NoEleventh()
    {
        string dir = Folder([.. Enumerable.Range(1, 11).Select(i => $"c{i:D2}.json")]);

        Assert.Equal(["1 c01  2 c02  3 c03  4 c04  5 c05", "6 c06  7 c07  8 c08  9 c09  0 c10"], LiveOptions.ConfigKeys(dir));
    }

    [Fact]
    public void ConfigKeys_SameOrderAsTheDigitsPick()
    {
        string dir = Folder("b.json", "a2.json", "a.json");

        Assert.Equal(["a.json", "a2.json", "b.json"], LiveOptions.ConfigFiles(dir).Select(Path.GetFileName));
        Assert.Equal(["1 a  2 a2  3 b"], LiveOptions.ConfigKeys(dir));
    }

    [Fact]
    public void ConfigKeys_EmptyFolder_SaysSo()
    {
        string dir = Folder("liveconv.schema.json");

        Assert.Equal([$"1-9,0 configs: none in {dir}"], LiveOptions.ConfigKeys(dir));
    }
}
