using System.Text.Json;
using LiveConv.Engine;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Configuration;

/// <summary>
/// Turns a config file into a <see cref="LiveConvConfig"/>. Every user mistake becomes a <see cref="ConfigException"/>
/// naming the file, the JSON path and what was expected; nothing else escapes for bad input.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] RootProperties = ["$schema", "name", "description", "input", "layers"];

    // Comments and trailing commas are harmless in a hand-edited file; accept them.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="path">The file, as the user named it (messages repeat it verbatim).</param>
    /// <param name="adjustInput">Changes the input before the shapes are inferred (the CLI's --input).</param>
    public static LiveConvConfig Load(string path, Func<InputSpec, InputSpec>? adjustInput = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException($"{path}: cannot read the file: {e.Message}", e);
        }

        return Parse(text, path, adjustInput);
    }

    /// <param name="file">What to call the text in messages, usually its path.</param>
    public static LiveConvConfig Parse(string json, string file, Func<InputSpec, InputSpec>? adjustInput = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{file}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: invalid JSON: {SyntaxMessage(e)}", e);
        }

        using (document)
        {
            return Read(ConfigNode.Root(file, document.RootElement), Path.GetFileNameWithoutExtension(file), adjustInput);
        }
    }

    private static LiveConvConfig Read(ConfigNode root, string defaultName, Func<InputSpec, InputSpec>? adjustInput)
    {
        var obj = root.AsObject("a LiveConv config", RootProperties);
        obj.Optional("$schema")?.AsString(); // Only for editors; its value does not matter here.
        string name = obj.Optional("name")?.AsString() ?? defaultName;
        string? description = obj.Optional("description")?.AsString();
        var input = InputReader.Read(obj.Optional("input"));
        if (adjustInput is not null)
        {
            input = adjustInput(input);
        }

        var layersNode = obj.Required("layers", "an array of layers");
        var entries = layersNode.AsArray("an array of layers");
        if (entries.Count == 0)
        {
            throw layersNode.Error("expected at least one layer, got an empty array");
        }

        var layers = new List<Layer>(entries.Count);
        int channels = input.Color.Channels();
        foreach (var entry in entries)
        {
            var layer = LayerReader.Read(entry, channels, layers.Count);
            layers.Add(layer);
            channels = layer is Conv2d conv ? conv.Filters : channels;
        }

        return new LiveConvConfig(name, description, Build(root, input, layers), root.File);
    }

    /// <summary>Shape inference; a layer that cannot take what reaches it is reported as <c>layers[i]</c>.</summary>
    private static Network Build(ConfigNode root, InputSpec input, List<Layer> layers)
    {
        try
        {
            return new Network(input, layers);
        }
        catch (NetworkException e) when (e.LayerIndex is int i)
        {
            var shape = input.Shape;
            for (int j = 0; j < i; j++)
            {
                shape = layers[j].OutputShape(shape);
            }

            // An add's shapes are about its "from": say so there.
            string reason = e.InnerException?.Message ?? e.Message;
            string where = layers[i] is ResidualAdd ? $"layers[{i}].from" : $"layers[{i}]";
            throw new ConfigException($"{root.File}: {where}: {layers[i].Type} on input {shape}: {reason}", e);
        }
        catch (NetworkException e)
        {
            throw new ConfigException($"{root.File}: input: {e.Message}", e);
        }
    }

    /// <summary>System.Text.Json appends "LineNumber: .. | BytePositionInLine: .."; we already say where.</summary>
    private static string SyntaxMessage(JsonException e)
    {
        string message = e.Message;
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd();
    }
}
