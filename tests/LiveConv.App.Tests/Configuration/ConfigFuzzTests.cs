using System.Text.Json;
using System.Text.Json.Nodes;
using LiveConv.App.Configuration;

namespace LiveConv.App.Tests.Configuration;

/// <summary>
/// Random mutations of valid configs must either load or fail with a <see cref="ConfigException"/> naming the file:
/// never an ArgumentException, an overflow, an index error or any other crash. Seeded, so a failure reproduces.
/// </summary>
public sealed class ConfigFuzzTests
{
    private const int Iterations = 1500;

    // Values chosen to hit edges: zero, negatives, fractions, overflow, NaN strings, wrong shapes, the format's words.
    private static readonly string[] Replacements =
    [
        "0", "-1", "1", "2", "3", "7", "1.5", "1e999", "-1e39", "65537", "2147483648", "-2147483649", "\"NaN\"", "\"Infinity\"",
        "\"same\"", "\"valid\"", "\"reflect\"", "\"circular\"", "\"gray\"", "\"bgr\"", "\"sobel_x\"", "\"conv2d\"", "\"maxpool2d\"",
        "\"avgpool2d\"", "\"leaky_relu\"", "\"\"", "null", "true", "false", "[]", "{}", "[0, 1]", "[1, 2, 3]", "[[1, 2], [3]]",
        "[[[1]]]", "[[[1, 2], [3, 4]], [[1, 2]]]", "{ \"kernel\": \"laplacian\" }", "{ \"type\": \"relu\" }",
        "\"input\"", "\"add\"", "\"pad\"", "\"clip\"", "\"scale_shift\"", "\"edge\"", "\"constant\"", "-3", "5000",
        "{ \"top\": 3, \"bottom\": 2 }", "{ \"left\": -1 }", "{ \"type\": \"add\", \"from\": 0 }", "{ \"type\": \"add\", \"from\": \"input\" }",
    ];

    private static readonly string[] Names =
        ["type", "kernel", "kernels", "weights", "stride", "padding", "groups", "dilation", "bias", "input", "width", "x",
        "from", "scale", "shift", "mean", "std", "min", "max", "mode", "value", "top", "left"];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedConfigsLoadOrFailCleanly(int seed)
    {
        var random = new Random(seed);
        var sources = Directory.GetFiles(RepoPaths.Configs, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Append(ConfigLoaderErrorTests.SampleConfig("bgr"))
            .Append(OnnxLayerConfigTests.Sample)
            .ToArray();
        int loaded = 0, rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            string json = Mutate(sources[random.Next(sources.Length)], random);
            try
            {
                ConfigLoader.Parse(json, "fuzz.json");
                loaded++;
            }
            catch (ConfigException e)
            {
                Assert.StartsWith("fuzz.json: ", e.Message);
                Assert.False(e.Message.Contains('\n', StringComparison.Ordinal), e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {e.GetType().Name}: {e.Message}\n{json}");
            }
        }

        // Both outcomes must actually be exercised, or the mutations are too weak or too strong.
        Assert.True(loaded > 0 && rejected > 0, $"loaded {loaded}, rejected {rejected}");
    }

    private static string Mutate(string json, Random random)
    {
        if (random.Next(10) == 0)
        {
            return MutateText(json, random);
        }

        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        int count = 1 + random.Next(3);
        for (int m = 0; m < count; m++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[random.Next(nodes.Count)];
            var parent = target.Parent;
            if (parent is null)
            {
                continue;
            }

            switch (random.Next(4))
            {
                case 0:
                    Replace(target, JsonNode.Parse(Replacements[random.Next(Replacements.Length)]));
                    break;
                case 1:
                    Remove(target);
                    break;
                case 2 when parent is JsonArray array:
                    array.Insert(random.Next(array.Count + 1), target.DeepClone());
                    break;
                case 2 when parent is JsonObject obj:
                    string name = Names[random.Next(Names.Length)];
                    obj.Remove(name);
                    obj[name] = JsonNode.Parse(Replacements[random.Next(Replacements.Length)]);
                    break;
                default:
                    // A scaled 1e308 (or a parsed 1e999) is infinite, which JSON cannot hold: the text replacements cover that.
                    if (target is JsonValue value && value.TryGetValue(out double d)
                        && (random.Next(2) == 0 ? -d : Math.Round(d * random.Next(-3, 9))) is var scaled && double.IsFinite(scaled))
                    {
                        Replace(target, JsonValue.Create(scaled));
                    }

                    break;
            }
        }

        return root.ToJsonString();
    }

    private static string MutateText(string json, Random random)
    {
        int at = random.Next(json.Length);
        return random.Next(3) switch
        {
            0 => json[..at],
            1 => json.Remove(at, 1),
            _ => json.Insert(at, "{}[],:\"0-"[random.Next(9)].ToString()),
        };
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.ToArray())
        {
            Collect(child, nodes);
        }
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static void Remove(JsonNode target)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj.Remove(target.GetPropertyName());
                break;
            case JsonArray array:
                array.RemoveAt(target.GetElementIndex());
                break;
        }
    }
}
