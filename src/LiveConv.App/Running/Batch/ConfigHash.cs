using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveConv.App.Running.Batch;

/// <summary>
/// What decides a batch's outputs, as one SHA-256: the config file's JSON normalized (keys sorted, no whitespace, the
/// editor-only "$schema" left out), so reformatting it redoes nothing, plus every option that changes what is
/// written (layer, map, mosaic, dump, snapshots, frames, engine). A resumed batch skips a file only for the same hash.
/// </summary>
public static class ConfigHash
{
    public static string Compute(RunSettings settings, string? dumpFolder, string? snapshotFolder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = JsonNode.Parse(File.ReadAllText(settings.ConfigPath));
        if (config is JsonObject root)
        {
            root.Remove("$schema");
        }

        var outputs = new JsonObject
        {
            ["layer"] = settings.Layer,
            ["mosaic"] = (settings.Mosaic with { Hud = false }).ToString(),
            ["lossless"] = settings.Lossless,
            ["dump"] = dumpFolder,
            ["snapshots"] = snapshotFolder,
            ["snapshot_every"] = settings.SnapshotEvery,
            ["frames"] = settings.Frames,
            ["engine"] = settings.ReferenceEngine ? "reference" : "fast",
        };
        var normalized = new JsonObject { ["config"] = Sorted(config), ["outputs"] = Sorted(outputs) };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized.ToJsonString(new JsonSerializerOptions { WriteIndented = false }))));
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
