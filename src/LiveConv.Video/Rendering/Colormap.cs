using OpenCvSharp;

namespace LiveConv.Video.Rendering;

/// <summary>A colormap by name: "gray", or one of OpenCV's (inferno, jet, viridis, turbo, …).</summary>
public sealed record Colormap(string Name, ColormapTypes? Type)
{
    public static Colormap Gray { get; } = new("gray", null);

    public static IEnumerable<string> Names => ["gray", .. Enum.GetNames<ColormapTypes>().Select(n => n.ToLowerInvariant())];

    /// <exception cref="ArgumentException">No such colormap; the message lists them.</exception>
    public static Colormap Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("gray", StringComparison.OrdinalIgnoreCase) || name.Equals("grey", StringComparison.OrdinalIgnoreCase))
        {
            return Gray;
        }

        return Enum.TryParse<ColormapTypes>(name, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? new Colormap(name.ToLowerInvariant(), type)
            : throw new ArgumentException($"no colormap '{name}': use one of {string.Join(", ", Names)}");
    }
}
