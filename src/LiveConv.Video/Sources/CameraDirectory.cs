using System.Globalization;

namespace LiveConv.Video.Sources;

/// <summary>
/// The V4L2 devices Linux lists in sysfs (<c>/sys/class/video4linux/videoN/name</c>, <c>…/index</c>), and what a
/// <c>--source</c> naming one means: a node such as <c>/dev/video2</c> or a link to it (<c>/dev/v4l/by-id/…</c>), or
/// the device's name. Roots are parameters so tests can use a made-up tree.
/// </summary>
public sealed class CameraDirectory(string sysfs, string dev)
{
    private const string NodePrefix = "video";

    /// <summary>This machine's devices.</summary>
    public static CameraDirectory System { get; } = new("/sys/class/video4linux", "/dev");

    public string Sysfs => sysfs;

    /// <summary>The devices, by index; none when sysfs has no such folder (no V4L2, or not Linux).</summary>
    public IReadOnlyList<CameraDevice> List()
    {
        if (!Directory.Exists(sysfs))
        {
            return [];
        }

        var devices = new List<CameraDevice>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(sysfs, NodePrefix + "*"))
        {
            if (NodeIndex(Path.GetFileName(entry)) is not { } index)
            {
                continue;
            }

            string name = ReadLine(Path.Combine(entry, "name")) ?? $"video device {index}";
            bool first = ReadLine(Path.Combine(entry, "index")) is not { } i || i == "0";
            devices.Add(new CameraDevice(index, Path.Combine(dev, NodePrefix + index.ToString(CultureInfo.InvariantCulture)), name, first));
        }

        devices.Sort((a, b) => a.Index.CompareTo(b.Index));
        return devices;
    }

    /// <summary>
    /// The index of the node <paramref name="path"/> names, following links (udev's <c>/dev/v4l/by-id/…</c>);
    /// null when it is not a videoN node.
    /// </summary>
    public static int? IndexOfNode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string target = path;
        try
        {
            if (File.ResolveLinkTarget(path, returnFinalTarget: true) is { } link)
            {
                target = link.FullName;
            }
        }
        catch (IOException)
        {
            // A broken link or a missing path: judged by its own name.
        }

        return NodeIndex(Path.GetFileName(target));
    }

    /// <summary>The device called <paramref name="name"/> (case-insensitive): its first node, which captures.</summary>
    public CameraDevice? FindByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return List().Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.FirstNode).ThenBy(d => d.Index).FirstOrDefault();
    }

    private static int? NodeIndex(string fileName) =>
        fileName.StartsWith(NodePrefix, StringComparison.Ordinal)
        && int.TryParse(fileName.AsSpan(NodePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? index
            : null;

    private static string? ReadLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
