namespace LiveConv.App.Configuration;

/// <summary>
/// <c>--config</c> takes a file, or the name of a shipped config (<c>edges</c>), which lives in the configs folder
/// next to the program; so names work from an installed .NET tool as well as from the repository.
/// </summary>
public static class ConfigPath
{
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "configs");

    public static string Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        bool bareName = nameOrPath.IndexOfAny(['/', '\\']) < 0 && !nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        string shipped = Path.Combine(Shipped, nameOrPath + ".json");
        return bareName && !File.Exists(nameOrPath) && File.Exists(shipped) ? shipped : nameOrPath;
    }
}
