using LiveConv.App.Cli;
using LiveConv.App.Explain;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.App.Tests.Explain;

public sealed class ExplainTests
{
    private static readonly string Lecture = Capture(ExplainCommand.WriteLecture);

    [Fact]
    public void StrideOneWithoutPaddingMatchesTheHandComputation()
    {
        // Worked by hand, cell by cell, from the lecture's 5x5 input and 3x3 kernel:
        // (0,0) = 1·-1 + 2·1 + 0·2 + 1·1 + 0·1 + 0·0 + 2·-1 + 1·-2 + 2·0 = -2, and so on.
        string text = Section("Example 1: stride 1, no padding");
        Assert.Contains("  (0,0): 1·-1 + 2·1 + 0·2 + 1·1 + 0·1 + 0·0 + 2·-1 + 1·-2 + 2·0 = -2\n", text, StringComparison.Ordinal);
        Assert.Contains("  (1,2): 0·-1 + 2·1 + 2·2 + 2·1 + 1·1 + 1·0 + 1·-1 + 0·-2 + 0·0 = 8\n", text, StringComparison.Ordinal);
        Assert.Contains(Matrix("Output Y (3x3):", ["-2  -1   3", " 2   5   8", "-2   0  -1"]), text, StringComparison.Ordinal);
        Assert.Contains("Output height = (H − F + 2P)/S + 1 = (5 − 3 + 2·0)/1 + 1 = 3\n", text, StringComparison.Ordinal);
        Assert.Contains("Neurons = 3 × 3 × 1 filter = 9\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StrideTwoWithoutPaddingKeepsEveryOtherCell()
    {
        string text = Section("Example 3: stride 2, no padding");
        Assert.Contains(Matrix("Output Y (2x2):", ["-2   3", "-2  -1"]), text, StringComparison.Ordinal);
        Assert.Contains("(5 − 3 + 2·0)/2 + 1 = 2\n", text, StringComparison.Ordinal);
        Assert.Contains("Neurons = 2 × 2 × 1 filter = 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PaddingOneShowsThePaddedInputAndKeepsTheSize()
    {
        string text = Section("Example 2: stride 1, padding 1");
        Assert.Contains("Padded input X~ (7x7, padding 1 of zeros):\n    0  0  0  0  0  0  0\n    0  1  2  0  3  1  0\n", text, StringComparison.Ordinal);
        Assert.Contains("  (0,0): 0·-1 + 0·1 + 0·2 + 0·1 + 1·1 + 2·0 + 0·-1 + 1·-2 + 0·0 = -1\n", text, StringComparison.Ordinal);
        Assert.Contains("Output Y (5x5):", text, StringComparison.Ordinal);
        Assert.Contains("(5 − 3 + 2·1)/1 + 1 = 5\n", text, StringComparison.Ordinal);
        Assert.Contains("Neurons = 5 × 5 × 1 filter = 25\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StrideTwoWithPaddingOne()
    {
        string text = Section("Example 4: stride 2, padding 1");
        Assert.Contains("Output Y (3x3):", text, StringComparison.Ordinal);
        Assert.Contains("(5 − 3 + 2·1)/2 + 1 = 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSumsAgreeWithTheEngineForEveryExample()
    {
        // Every "(i,j): a·b + ... = v" line must add up: the written sum and the engine's value are the same number.
        foreach (string line in Lecture.Split('\n').Where(l => l.StartsWith("  (", StringComparison.Ordinal) && l.Contains('·', StringComparison.Ordinal)))
        {
            string[] sides = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(" = ");
            float sum = sides[0].Split(" + ").Select(t => t.Split('·')).Sum(p => float.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture) * float.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(float.Parse(sides[1], System.Globalization.CultureInfo.InvariantCulture), sum);
        }
    }

    [Fact]
    public void PoolingExampleGivesTheLecturesMatrices()
    {
        Assert.Contains(Matrix("Output (2x2):", ["8  5", "1  4"]), Section("Max pooling 2x2, stride 2"), StringComparison.Ordinal);
        Assert.Contains("  (0,0): max(2, 1, -3, 8) = 8\n", Lecture, StringComparison.Ordinal);
        string average = Section("Average pooling 2x2, stride 2");
        Assert.Contains(Matrix("Output (2x2):", ["   2   1.5", "0.25   1.5"]), average, StringComparison.Ordinal);
        Assert.Contains("  (1,0): (1 + -1 + 0 + 1)/4 = 0.25\n", average, StringComparison.Ordinal);
    }

    [Fact]
    public void DepthSectionGivesSeventyFiveAndSevenHundredSixty()
    {
        string text = Section("Depth and parameters");
        Assert.Contains("5 × 5 × 3 = 75 weights", text, StringComparison.Ordinal);
        Assert.Contains("= 750 + 10 = 760 parameters", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AVariantWithALibraryKernelAndABias()
    {
        string text = Capture(w => ConvolutionExplainer.Explain(w, "v", [[1, 2], [3, 4]], KernelLibrary.Get("identity").WithBias(0.5f), Size2.Square(1), 1));
        Assert.Contains("  (0,0): 0·0 + 0·0 + 0·0 + 0·0 + 1·1 + 2·0 + 0·0 + 3·0 + 4·0 + 0.5 = 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains("Output height = (H − F + 2P)/S + 1 = (2 − 3 + 2·1)/1 + 1 = 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnevenDivisionShowsTheFloor() =>
        Assert.Equal("(H − F + 2P)/S + 1 = ⌊(6 − 3 + 2·0)/2⌋ + 1 = 2", ConvolutionExplainer.SizeFormula('H', 6, 3, 0, 2));

    [Fact]
    public void InvalidSettingsAreShapeErrors()
    {
        var kernel = KernelLibrary.Get("identity");
        Assert.Throws<ShapeException>(() => ConvolutionExplainer.Explain(TextWriter.Null, "x", [[1]], kernel, Size2.Square(1), 0));
        Assert.Throws<ShapeException>(() => ConvolutionExplainer.Explain(TextWriter.Null, "x", [[1]], kernel, Size2.Square(0), 1));
    }

    [Theory]
    [InlineData("1,2,0;1,0,0", 2, 3)]
    [InlineData(" 1 2 ; 3 4 ", 2, 2)]
    [InlineData("-1.5", 1, 1)]
    public void MatrixRowsParse(string text, int rows, int columns)
    {
        Assert.True(MatrixText.TryParse(text, out var matrix, out _));
        Assert.Equal((rows, columns), (matrix.Length, matrix[0].Length));
    }

    [Theory]
    [InlineData("1,2;3", "rows have 2, 1 values; every row must have the same length")]
    [InlineData("1,x", "\"x\" is not a finite number")]
    [InlineData("1;;2", "every row needs at least one number (rows are separated by ';', values by ',')")]
    [InlineData("NaN", "\"NaN\" is not a finite number")]
    public void BadMatrixRowsSayWhy(string text, string expected)
    {
        Assert.False(MatrixText.TryParse(text, out _, out string error));
        Assert.Equal(expected, error);
    }

    private static string Section(string title)
    {
        int start = Lecture.IndexOf($"== {title} ==", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section '{title}'");
        int end = Lecture.IndexOf("\n== ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Lecture[start..] : Lecture[start..end];
    }

    private static string Matrix(string heading, string[] rows) => heading + "\n" + string.Concat(rows.Select(r => "    " + r + "\n"));

    private static string Capture(Action<TextWriter> write)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }
}
