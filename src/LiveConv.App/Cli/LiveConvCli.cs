using System.CommandLine;
using System.CommandLine.Invocation;
using LiveConv.App.Configuration;

namespace LiveConv.App.Cli;

/// <summary>
/// The command tree and the one place that turns failures into exit codes: usage and config mistakes print
/// <c>liveconv: message</c> and exit 2, anything else exits 1; never a stack trace.
/// </summary>
public static class LiveConvCli
{
    /// <summary>
    /// No response files: <c>--source @list.txt</c> is a batch's list of videos, each path relative to the list's folder,
    /// which System.CommandLine would otherwise splice into the command line as arguments.
    /// </summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("LiveConv: see what the first convolution layers of a CNN see. Without a command: run, with its options")
        {
            SummaryCommand.Create(),
            ImportCommand.Create(),
            FiltersCommand.Create(),
            ExplainCommand.Create(),
            KernelsCommand.Create(),
            CamerasCommand.Create(),
            RunCommand.Create(),
            BenchCommand.Create(),
        };

        // The bare command is the live view: camera 0, else the synthetic scene, in a window, with any of run's
        // options (liveconv --config edges); where no window can open it still shows something.
        RunCommand.AddTo(root, bare: true);
        return root;
    }

    public static int Run(string[] args)
    {
        try
        {
            var parse = CreateRoot().Parse(args, Parsing);
            if (parse.Action is ParseErrorAction)
            {
                foreach (var error in parse.Errors)
                {
                    Console.Error.WriteLine($"liveconv: {OptionRules.Describe(error)}");
                }

                Console.Error.WriteLine("Try 'liveconv --help' for the commands and their options.");
                return ExitCodes.UsageError;
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ConfigException or UsageException)
        {
            Console.Error.WriteLine($"liveconv: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            // Not the user's fault; still no stack trace, but say what broke.
            Console.Error.WriteLine($"liveconv: unexpected error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
