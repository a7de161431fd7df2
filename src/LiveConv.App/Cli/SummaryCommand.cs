using System.CommandLine;
using System.Globalization;
using LiveConv.App.Configuration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiveConv.App.Cli;

/// <summary><c>liveconv summary</c>: the layer table of a config, with the lecture's parameter and neuron counts.</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"The network config (JSON) or a shipped config's name (default, as for run: {Path.GetFileNameWithoutExtension(RunCommand.DefaultConfig)})" };
        var input = FrameSize.Option("--input", "Frame size instead of the config's: WIDTHxHEIGHT[xCHANNELS], e.g. 1280x720x3", channels: true);
        var modelOptions = new ModelOptions();
        var command = new Command("summary", "Print each layer's output shape, weights, biases, parameters, neurons and multiply-accumulates per frame")
        {
            config,
            input,
        };
        modelOptions.AddTo(command, onTheFly: true);

        command.SetAction(parse =>
        {
            var size = parse.GetValue(input);
            var loaded = modelOptions.ImportOrNull(parse, config) is { } imported
                ? Resized(imported.Config, size)
                : ConfigLoader.Load(
                    parse.GetValue(config) is { } c ? ConfigPath.Resolve(c) : Path.Combine(ConfigPath.Shipped, RunCommand.DefaultConfig),
                    size is { } s ? s.ApplyTo : null);
            Write(loaded, Terminal.CreateConsole());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An imported network at the --input size (its channels are the model's).</summary>
    private static LiveConvConfig Resized(LiveConvConfig config, FrameSize? size)
    {
        if (size is not { } s)
        {
            return config;
        }

        if (s.Channels is int channels && channels != config.Network.InputShape.Channels)
        {
            throw new UsageException($"--input: the model takes {config.Network.InputShape.Channels} channels, not {channels}");
        }

        try
        {
            return config with { Network = config.Network.WithInputSize(s.Width, s.Height) };
        }
        catch (LiveConv.Engine.NetworkException e)
        {
            throw new ConfigException($"{config.Path}: on {s.Width}x{s.Height}: {e.Message}", e);
        }
    }

    public static void Write(LiveConvConfig config, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(console);
        var network = config.Network;
        var spec = network.Input;
        console.WriteLine(config.Description is null ? config.Name : $"{config.Name}: {config.Description}");

        var table = new Table().Title(new TableTitle(config.Path));
        table.AddColumn("#");
        table.AddColumn("Layer");
        table.AddColumn("Output (CxHxW)");
        foreach (string numeric in new[] { "Weights", "Biases", "Parameters", "Neurons", "MACs/frame" })
        {
            table.AddColumn(new TableColumn(numeric).RightAligned());
        }

        static string Decimal(float x) => x.ToString("0.######", CultureInfo.InvariantCulture);
        string input = $"input {spec.Color.ToString().ToLowerInvariant()} {spec.Width}x{spec.Height}, scale {Decimal(spec.Scale)}";
        if (spec.Mean is { } mean)
        {
            input += $", mean [{string.Join(", ", mean.Select(Decimal))}]";
        }

        if (spec.Std is { } std)
        {
            input += $", std [{string.Join(", ", std.Select(Decimal))}]";
        }

        table.AddRow(Cells("", input, spec.Shape.ToString(), "", "", "", "", ""));

        var rows = network.Summarize();
        foreach (var row in rows)
        {
            var c = row.Cost;
            table.AddRow(Cells(row.Index.ToString(CultureInfo.InvariantCulture), row.Layer.Describe(), row.OutputShape.ToString(),
                Number(c.Weights), Number(c.Biases), Number(c.Parameters), Number(c.Neurons), Number(c.MultiplyAccumulates)));
        }

        table.AddRow(Cells("", "total", network.OutputShape.ToString(), Number(rows.Sum(r => r.Cost.Weights)), Number(rows.Sum(r => r.Cost.Biases)),
            Number(rows.Sum(r => r.Cost.Parameters)), Number(rows.Sum(r => r.Cost.Neurons)), Number(rows.Sum(r => r.Cost.MultiplyAccumulates))));
        console.Write(table);
    }

    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    // Plain Text cells: layer descriptions and names may contain '[', which markup would try to interpret.
    private static IRenderable[] Cells(params string[] values) => values.Select(v => (IRenderable)new Text(v)).ToArray();
}
