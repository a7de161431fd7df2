using LiveConv.App.Configuration;
using LiveConv.App.Onnx;
using static LiveConv.App.Tests.Onnx.OnnxModelBuilder;

namespace LiveConv.App.Tests.Onnx;

/// <summary>
/// Mutated bytes of a valid model (flipped, overwritten, cut, duplicated) must either import or fail with a
/// <see cref="ConfigException"/> naming the file, in one line: never an index error, an overflow, an out-of-memory
/// or any other crash. Seeded, so a failure reproduces.
/// </summary>
public sealed class OnnxFuzzTests : IDisposable
{
    private const int Iterations = 1500;
    private readonly string _folder = Directory.CreateTempSubdirectory("liveconv-onnx-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int> Seeds() => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedModelsImportOrFailCleanly(int seed)
    {
        byte[] valid = Model().Bytes();
        var random = new Random(seed);
        string path = Path.Combine(_folder, "fuzz.onnx");
        int imported = 0, rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] bytes = Mutate(valid, random);
            File.WriteAllBytes(path, bytes);
            try
            {
                OnnxImporter.Import(path);
                imported++;
            }
            catch (ConfigException e)
            {
                Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(bytes)}");
            }
        }

        Assert.True(imported > 0 && rejected > 0, $"imported {imported}, rejected {rejected}");
    }

    /// <summary>Every operator family, so mutations reach each reader.</summary>
    private static OnnxModelBuilder Model()
    {
        var m = new OnnxModelBuilder(3, 9, 9, opset: 13);
        m.Node("Sub", "sub", [m.Last, m.Floats("mean", [1, 3, 1, 1], [0.4f, 0.5f, 0.6f])]);
        m.Node("Conv", "conv", [m.Last, m.Floats("w", [2, 3, 3, 3], Enumerable.Range(0, 54).Select(v => v / 54f).ToArray(), raw: true), m.Floats("b", [2], [0.1f, -0.1f])], Ints("pads", 1, 1, 0, 0), Ints("strides", 2, 1));
        m.Node("BatchNormalization", "bn", [m.Last, m.Floats("g", [2], [1, 2]), m.Floats("be", [2], [0, 1]), m.Floats("mu", [2], [0, 0]), m.Floats("var", [2], [1, 1])]);
        m.Node("Clip", "clip", [m.Last, m.Floats("min", [], [0f]), m.Floats("max", [], [6f])]);
        m.Node("Pad", "pad", [m.Last, m.Int64s("pads", 0, 0, 1, 0, 0, 0, 0, 1)], String("mode", "edge"));
        m.Node("MaxPool", "pool", null, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Int("ceil_mode", 1));
        return m.Node("AveragePool", "avg", null, Ints("kernel_shape", 1, 1));
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        int count = 1 + random.Next(4);
        for (int m = 0; m < count; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))));
                    break;
                default:
                    bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x7F;
                    break;
            }

            if (bytes.Count == 0)
            {
                bytes.Add(0);
            }
        }

        return [.. bytes];
    }
}
