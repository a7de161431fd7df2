using System.CommandLine;
using LiveConv.App.Explain;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Cli;

/// <summary>
/// <c>liveconv explain</c>: the lecture's worked examples computed by the reference engine, or one variant of the
/// convolution example when any option is given.
/// </summary>
public static class ExplainCommand
{
    /// <summary>Explain prints every cell's sum: keep the examples small enough to read.</summary>
    public const int MaxSide = 16;

    public static Command Create()
    {
        var stride = new Option<string?>("--stride", "-s") { Description = "Stride of the convolution: S, or VERTICAL,HORIZONTAL such as 2,1 (default 1)" };
        var padding = new Option<int?>("--padding", "-p") { Description = "Zero padding on each side (default 0)" };
        var kernel = new Option<string?>("--kernel", "-k")
        {
            Description = "A built-in kernel name (see 'liveconv kernels') or rows like \"-1,1,2;1,1,0;-1,-2,0\" (default: the lecture's kernel)",
        };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "The input as rows like \"1,2,0;1,0,0;2,1,2\" (default: the lecture's 5x5 input)",
        };
        var command = new Command("explain", "Print the lecture's convolution and pooling examples step by step, computed by the engine")
        {
            stride,
            padding,
            kernel,
            input,
        };
        command.SetAction(parse =>
        {
            var writer = Console.Out;
            string? s = parse.GetValue(stride), k = parse.GetValue(kernel), x = parse.GetValue(input);
            int? p = parse.GetValue(padding);
            if (s is null && p is null && k is null && x is null)
            {
                WriteLecture(writer);
                return ExitCodes.Ok;
            }

            var rows = x is null ? LectureExamples.ConvInput : ParseMatrix("--input", x);
            var weights = k is null ? Kernel.Create2D("lecture", ToArray(LectureExamples.ConvKernel)) : ParseKernel(k);
            var st = s is null ? Size2.Square(1) : ParseStride(s);
            int pad = p ?? 0;
            if (pad > MaxSide)
            {
                throw new UsageException($"--padding: at most {MaxSide} for a printed example, got {pad}");
            }

            try
            {
                ConvolutionExplainer.Explain(writer, $"stride {(st.IsSquare ? $"{st.Height}" : $"{st.Height} vertical, {st.Width} horizontal")}, padding {pad}", rows, weights, st, pad);
            }
            catch (ShapeException e)
            {
                throw new UsageException($"explain: {e.Message}", e);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static void WriteLecture(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var kernel = Kernel.Create2D("lecture", ToArray(LectureExamples.ConvKernel));
        int n = 1;
        foreach (var (stride, padding) in LectureExamples.ConvSettings)
        {
            string title = $"Example {n++}: stride {stride}, {(padding == 0 ? "no padding" : $"padding {padding}")}";
            ConvolutionExplainer.Explain(writer, title, LectureExamples.ConvInput, kernel, Size2.Square(stride), padding);
        }

        DepthExplainer.Explain(writer);
        PoolingExplainer.Explain(writer, LectureExamples.PoolInput, size: 2, stride: 2);
    }

    /// <summary>"2" or "2,1" (vertical, horizontal); the convolution itself says when a stride is not positive.</summary>
    private static Size2 ParseStride(string text)
    {
        var parts = text.Split(',');
        var values = parts.Select(part => int.TryParse(part.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int v) ? v : (int?)null).ToArray();
        return values.Length is 1 or 2 && values.All(v => v is not null)
            ? new Size2(values[0]!.Value, values[^1]!.Value)
            : throw new UsageException($"--stride: expected a whole number, or VERTICAL,HORIZONTAL such as 2,1, got \"{text}\"");
    }

    private static Kernel ParseKernel(string text) =>
        KernelLibrary.TryGet(text, out var builtIn) ? builtIn : Kernel.Create2D("custom", ToArray(ParseMatrix("--kernel", text)));

    private static float[][] ParseMatrix(string option, string text)
    {
        if (!MatrixText.TryParse(text, out var rows, out string error))
        {
            string hint = option == "--kernel" ? $" (or a built-in kernel: {string.Join(", ", KernelLibrary.Names)})" : "";
            throw new UsageException($"{option}: {error}{hint}");
        }

        if (rows.Length > MaxSide || rows[0].Length > MaxSide)
        {
            throw new UsageException($"{option}: at most {MaxSide}x{MaxSide} for a printed example, got {rows.Length}x{rows[0].Length}");
        }

        return rows;
    }

    private static float[,] ToArray(float[][] rows)
    {
        var array = new float[rows.Length, rows[0].Length];
        for (int m = 0; m < rows.Length; m++)
        {
            for (int n = 0; n < rows[0].Length; n++)
            {
                array[m, n] = rows[m][n];
            }
        }

        return array;
    }
}
