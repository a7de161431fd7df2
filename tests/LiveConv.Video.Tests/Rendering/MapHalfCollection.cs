namespace LiveConv.Video.Tests.Rendering;

/// <summary>The helper thread's test runs alone (see <see cref="MapHalfTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MapHalfCollection
{
    public const string Name = "map half";
}
