namespace LiveConv.Engine.Kernels;

/// <summary>The built-in 2D kernels a config can name with <c>"kernel": NAME</c>: the lecture's line and corner
/// detectors and the classic image-processing kernels.</summary>
public static class KernelLibrary
{
    private static readonly Dictionary<string, Kernel> ByName = Build();

    public static IReadOnlyCollection<Kernel> All => ByName.Values;

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryGet(string name, out Kernel kernel) => ByName.TryGetValue(name, out kernel!);

    public static Kernel Get(string name) =>
        TryGet(name, out var k) ? k : throw new KeyNotFoundException($"No built-in kernel named '{name}'.");

    private static Dictionary<string, Kernel> Build()
    {
        const float ninth = 1f / 9f, sixteenth = 1f / 16f;
        var kernels = new[]
        {
            // The lecture's detectors.
            Kernel.Create2D("vertical_line", new float[,] { { -1, 1, -1 }, { -1, 1, -1 }, { -1, 1, -1 } }),
            Kernel.Create2D("horizontal_line", new float[,] { { -1, -1, -1 }, { 1, 1, 1 }, { -1, -1, -1 } }),
            Kernel.Create2D("corner", new float[,] { { -1, -1, -1 }, { -1, 1, 1 }, { -1, 1, 1 } }),
            Kernel.Create2D("corner_90", new float[,] { { -1, 1, 1 }, { -1, 1, 1 }, { -1, -1, -1 } }),
            Kernel.Create2D("corner_180", new float[,] { { 1, 1, -1 }, { 1, 1, -1 }, { -1, -1, -1 } }),
            Kernel.Create2D("corner_270", new float[,] { { -1, -1, -1 }, { 1, 1, -1 }, { 1, 1, -1 } }),

            // Edges.
            Kernel.Create2D("sobel_x", new float[,] { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } }),
            Kernel.Create2D("sobel_y", new float[,] { { -1, -2, -1 }, { 0, 0, 0 }, { 1, 2, 1 } }),
            Kernel.Create2D("prewitt_x", new float[,] { { -1, 0, 1 }, { -1, 0, 1 }, { -1, 0, 1 } }),
            Kernel.Create2D("prewitt_y", new float[,] { { -1, -1, -1 }, { 0, 0, 0 }, { 1, 1, 1 } }),
            Kernel.Create2D("laplacian", new float[,] { { 0, 1, 0 }, { 1, -4, 1 }, { 0, 1, 0 } }),
            Kernel.Create2D("outline", new float[,] { { -1, -1, -1 }, { -1, 8, -1 }, { -1, -1, -1 } }),

            // The lecture's "traditional uses": blur, sharpen, emboss.
            Kernel.Create2D("identity", new float[,] { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } }),
            Kernel.Create2D("box_blur", new float[,] { { ninth, ninth, ninth }, { ninth, ninth, ninth }, { ninth, ninth, ninth } }),
            Kernel.Create2D("gaussian_blur", new float[,]
            {
                { 1 * sixteenth, 2 * sixteenth, 1 * sixteenth },
                { 2 * sixteenth, 4 * sixteenth, 2 * sixteenth },
                { 1 * sixteenth, 2 * sixteenth, 1 * sixteenth },
            }),
            Kernel.Create2D("sharpen", new float[,] { { 0, -1, 0 }, { -1, 5, -1 }, { 0, -1, 0 } }),
            Kernel.Create2D("emboss", new float[,] { { -2, -1, 0 }, { -1, 1, 1 }, { 0, 1, 2 } }),
        };
        return kernels.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }
}
