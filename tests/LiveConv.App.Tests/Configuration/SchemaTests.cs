using System.Text.Json;
using LiveConv.App.Configuration;
using LiveConv.Engine.Kernels;

namespace LiveConv.App.Tests.Configuration;

/// <summary>The JSON Schema is for editors; these keep it in step with what the loader accepts.</summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Configs, "liveconv.schema.json"))).RootElement;

    [Fact]
    public void IsDraft2020_12() =>
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());

    [Fact]
    public void KernelNamesAreTheLibrary() =>
        Assert.Equal(KernelLibrary.Names.Order(StringComparer.Ordinal), Enum(Schema.GetProperty("$defs").GetProperty("kernel").GetProperty("properties").GetProperty("kernel")).Order(StringComparer.Ordinal));

    [Fact]
    public void LayerTypesAreTheLoaders() =>
        Assert.Equal(LayerReader.Types, Enum(Schema.GetProperty("$defs").GetProperty("layer").GetProperty("properties").GetProperty("type")));

    [Fact]
    public void EveryShippedConfigReferencesTheSchema()
    {
        foreach (string file in Directory.GetFiles(RepoPaths.Configs, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("./liveconv.schema.json", document.RootElement.GetProperty("$schema").GetString());
        }
    }

    private static string[] Enum(JsonElement property) => property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
