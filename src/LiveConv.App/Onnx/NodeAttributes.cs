using LiveConv.App.Configuration;
using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace LiveConv.App.Onnx;

/// <summary>A node's attributes by name, each checked for the type ONNX gives it; a wrong type is the file's mistake.</summary>
internal sealed class NodeAttributes
{
    private readonly Dictionary<string, AttributeProto> _byName = new(StringComparer.Ordinal);
    private readonly Func<string, ConfigException> _error;

    public NodeAttributes(NodeProto node, Func<string, ConfigException> error)
    {
        _error = error;
        foreach (var attribute in node.Attribute)
        {
            if (!_byName.TryAdd(attribute.Name, attribute))
            {
                throw error($"attribute '{attribute.Name}' is given twice");
            }
        }
    }

    public bool Has(string name) => _byName.ContainsKey(name);

    public long Int(string name, long fallback) => Get(name, AttributeType.Int) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Get(name, AttributeType.Float) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Get(name, AttributeType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Get(name, AttributeType.Ints)?.Ints.ToArray();

    public float[]? Floats(string name) => Get(name, AttributeType.Floats)?.Floats.ToArray();

    public TensorProto? Tensor(string name) => Get(name, AttributeType.Tensor)?.T;

    /// <summary>An attribute's value, or null when absent. Old exporters leave the type unset (0); the field then decides.</summary>
    private AttributeProto? Get(string name, AttributeType type)
    {
        if (!_byName.TryGetValue(name, out var attribute))
        {
            return null;
        }

        if (attribute.Type != type && attribute.Type != AttributeType.Undefined)
        {
            throw _error($"attribute '{name}' is {attribute.Type.ToString().ToUpperInvariant()}; expected {type.ToString().ToUpperInvariant()}");
        }

        return attribute;
    }
}
