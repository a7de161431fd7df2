namespace LiveConv.Video.Rendering;

/// <summary>How the feature maps are laid out and colored.</summary>
public sealed record MosaicOptions
{
    public Colormap Colormap { get; init; } = Colormap.Gray;

    public Normalization Normalization { get; init; } = Normalization.PerMap;

    /// <summary>The range for <see cref="Normalization.Fixed"/>.</summary>
    public (float Min, float Max) FixedRange { get; init; } = (0f, 1f);

    /// <summary>Show just this map, at full size and unlabeled (<c>--map NAME</c>); null for the mosaic of all.</summary>
    public string? Map { get; init; }

    /// <summary>The map that <see cref="Zoom"/> and <see cref="Overlay"/> show, by index (clamped to the layer's maps, which can change while running).</summary>
    public int Selected { get; init; }

    /// <summary>Show only the <see cref="Selected"/> map, scaled to <see cref="MaxWidth"/> (up as well as down).</summary>
    public bool Zoom { get; init; }

    /// <summary>Blend the <see cref="Selected"/> map over the input tile as a heat map (needs <see cref="ShowInput"/>).</summary>
    public bool Overlay { get; init; }

    /// <summary>Show the <see cref="Selected"/> map's stages (z, after the activation, after pooling) side by side, when the engine copied them into the frame.</summary>
    public bool Stages { get; init; }

    /// <summary>A rectangle of the input frame (x, y, width, height in frame pixels) outlined on the input tile: a neuron's receptive field.</summary>
    public (int X, int Y, int Width, int Height)? Highlight { get; init; }

    /// <summary>Add a tile with the input frame.</summary>
    public bool ShowInput { get; init; }

    /// <summary>Label each tile with its map's name and min/max.</summary>
    public bool Labels { get; init; } = true;

    /// <summary>Draw the HUD in a band under the mosaic that files get (<c>--output-hud</c>); the window's view always has its HUD panel.</summary>
    public bool Hud { get; init; }

    /// <summary>Tiles shrink so the files' mosaic is at most this wide (the window's view fits the window).</summary>
    public int MaxWidth { get; init; } = 1280;
}
