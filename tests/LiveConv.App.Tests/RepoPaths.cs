namespace LiveConv.App.Tests;

/// <summary>Where the repository and the built liveconv are, found from the test assembly's own location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configs => Path.Combine(Root, "configs");

    /// <summary>
    /// The App project's own build output for the configuration the tests were built in (the test project references
    /// the App project, so it is built first); the copy next to the tests as a fallback.
    /// </summary>
    public static string LiveconvDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = framework.Parent!.Name;
            string own = Path.Combine(Root, "src", "LiveConv.App", "bin", configuration, framework.Name, "liveconv.dll");
            return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "liveconv.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveConv.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LiveConv.sln above {AppContext.BaseDirectory}.");
    }
}
