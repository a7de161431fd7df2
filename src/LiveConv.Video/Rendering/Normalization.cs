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

/// <summary>The names the command line and the HUD use for a <see cref="Normalization"/>: per-map, global, fixed.</summary>
public static class NormalizationNames
{
    public static string Name(this Normalization normalization) => normalization switch
    {
        Normalization.PerMap => "per-map",
        Normalization.Global => "global",
        _ => "fixed",
    };

    /// <exception cref="ArgumentException">Not one of the names.</exception>
    public static Normalization Parse(string name)
    {
        foreach (var normalization in Enum.GetValues<Normalization>())
        {
            if (normalization.Name() == name)
            {
                return normalization;
            }
        }

        throw new ArgumentException($"expected per-map, global or fixed, got \"{name}\"");
    }
}
