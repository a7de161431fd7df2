using System.CommandLine;
using LiveConv.App.Configuration;

namespace LiveConv.App.Cli;

/// <summary>
/// <c>liveconv import MODEL.onnx [--through NODE] [-o NAME.json]</c>: the model's leading layers as a config, checked
/// by reading it back. Says in one line how far it went, and what it folded or resolved on the way.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The .onnx file" };
        var output = new Option<string?>("--output", "-o") { Description = "The config to write (default: the model's name with .json, in the current folder)" };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists" };
        var modelOptions = new ModelOptions();
        var command = new Command("import", "Turn the first layers of an ONNX model into a LiveConv config") { model, output, force };
        modelOptions.AddTo(command, onTheFly: false);

        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(model);
            var imported = modelOptions.Import(parse, path);
            string target = parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(path) + ".json";
            if (File.Exists(target) && !parse.GetValue(force))
            {
                throw new UsageException($"-o: {target} exists; give another name or --force to replace it");
            }

            // The config is named after its file, as the loader names one without a name, so -o resnet18-stem.json is "resnet18-stem".
            var config = imported.Config;
            string json = ConfigWriter.Write(Path.GetFileNameWithoutExtension(target), config.Description, config.Network);
            try
            {
                File.WriteAllText(target, json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                throw new UsageException($"-o: cannot write {target}: {e.Message}", e);
            }

            // What the rest of LiveConv will see: the file read back, not the network in memory.
            var reread = ConfigLoader.Load(target);
            Console.WriteLine($"{path}: {imported.Extent}");
            foreach (string note in imported.Notes)
            {
                Console.WriteLine($"  {note}");
            }

            long parameters = reread.Network.Summarize().Sum(r => r.Cost.Parameters);
            Console.WriteLine($"wrote {target}: {reread.Network.Layers.Count} layers, {parameters:N0} parameters, output {reread.Network.OutputShape} on {reread.Network.Input.Width}x{reread.Network.Input.Height}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
