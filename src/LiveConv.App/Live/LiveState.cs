using LiveConv.Engine;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Live;

/// <summary>Everything the keys change: the network and displayed layer, and how the maps are shown.</summary>
public sealed record LiveState
{
    /// <summary>The colormaps <c>c</c> cycles through, gray first.</summary>
    public static IReadOnlyList<string> Colormaps { get; } = ["gray", "inferno", "viridis", "jet", "turbo"];

    public required Network Network { get; init; }

    public required int Layer { get; init; }

    public Colormap Colormap { get; init; } = Colormap.Gray;

    public Normalization Normalization { get; init; } = Normalization.PerMap;

    public bool Paused { get; init; }

    public bool Help { get; init; }

    /// <summary>Show only <see cref="SelectedMap"/>, over the whole window.</summary>
    public bool Zoom { get; init; }

    /// <summary>Blend <see cref="SelectedMap"/> over the input tile as a heat map.</summary>
    public bool Overlay { get; init; }

    /// <summary>Show <see cref="SelectedMap"/> at each stage of its block: z, after the activation, after pooling.</summary>
    public bool Stages { get; init; }

    /// <summary>Show the filters of the convolution behind the displayed layer, in a window of their own.</summary>
    public bool Filters { get; init; }

    /// <summary>Index of the map that zoom, overlay and stages show.</summary>
    public int SelectedMap { get; init; }

    public int MapCount => Network.Shapes[Layer].Channels;
}
