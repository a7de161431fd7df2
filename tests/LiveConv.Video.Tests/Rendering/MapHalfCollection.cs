namespace LiveConv.Video.Tests.Rendering;

/// <summary>The tests that hold up or count the one map-half helper thread run alone (see <see cref="MapHalfTests"/>, <see cref="RenderingAllocationTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MapHalfCollection
{
    public const string Name = "map half";
}
