using System.Text.Json;

namespace LiveConv.App.Configuration;

/// <summary>
/// A JSON object of a config with its allowed property names. Unknown names are rejected up front with the list of
/// known ones (that is what catches typos such as "strid"), and so are duplicates.
/// </summary>
internal sealed class ConfigObject
{
    private readonly Dictionary<string, ConfigNode> _properties = new(StringComparer.Ordinal);

    public ConfigObject(ConfigNode node, IReadOnlyList<string> known)
    {
        Node = node;
        foreach (var property in node.Element.EnumerateObject())
        {
            var child = node.Property(property.Name, property.Value);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw child.Error($"unknown property; known properties here: {string.Join(", ", known)}");
            }

            if (!_properties.TryAdd(property.Name, child))
            {
                throw child.Error("the property appears twice");
            }
        }
    }

    public ConfigNode Node { get; }

    public bool Has(string name) => _properties.ContainsKey(name);

    public ConfigNode? Optional(string name) => _properties.TryGetValue(name, out var node) ? node : null;

    public ConfigNode Required(string name, string expected) =>
        _properties.TryGetValue(name, out var node)
            ? node
            : throw Node.Property(name, default(JsonElement)).Error($"missing required property: expected {expected}");
}
