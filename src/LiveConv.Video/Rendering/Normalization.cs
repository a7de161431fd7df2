namespace LiveConv.Video.Rendering;

/// <summary>How feature values map to 0..255 before the colormap.</summary>
public enum Normalization
{
    /// <summary>Each map stretched over its own min..max: shows the pattern of every map, hides their relative strength.</summary>
    PerMap,

    /// <summary>All maps over the min..max of the whole layer: maps compare with each other.</summary>
    Global,

    /// <summary>A fixed range: values compare across frames, outside it they clip.</summary>
    Fixed,
}
