using System.CommandLine;
using LiveConv.App.Explain;
using LiveConv.Engine.Kernels;

namespace LiveConv.App.Cli;

/// <summary><c>liveconv kernels</c>: the built-in library a config can name with <c>"kernel": NAME</c>.</summary>
public static class KernelsCommand
{
    public static Command Create()
    {
        var command = new Command("kernels", "List the built-in kernels (usable as \"kernel\": NAME in a config) with their weights");
        command.SetAction(_ =>
        {
            Write(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var kernel in KernelLibrary.All)
        {
            writer.WriteLine($"{kernel.Name} ({kernel.Height}x{kernel.Width})");
            var rows = Enumerable.Range(0, kernel.Height)
                .Select(m => Enumerable.Range(0, kernel.Width).Select(n => kernel.Weight(0, m, n)).ToArray())
                .ToArray();
            MatrixText.Write(writer, rows);
            writer.WriteLine();
        }
    }
}
