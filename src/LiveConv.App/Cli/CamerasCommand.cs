using System.CommandLine;
using LiveConv.Video.Sources;

namespace LiveConv.App.Cli;

/// <summary>
/// <c>liveconv cameras</c>: the cameras <c>--source</c> can name. On Linux the V4L2 nodes sysfs lists, with the
/// driver's names; elsewhere the indices OpenCV opens. Each one that opens says what it gives by default.
/// </summary>
public static class CamerasCommand
{
    /// <summary>Where no device list exists, the indices tried.</summary>
    public const int ProbedIndices = 10;

    public static Command Create()
    {
        var noOpen = new Option<bool>("--no-open") { Description = "Only list the devices; do not open each to see what it gives (Linux)" };
        var command = new Command("cameras", "List the cameras: camera:N, the device node and name (any of them works as --source), and what each gives")
        {
            noOpen,
        };
        command.SetAction(parse =>
        {
            Write(Console.Out, CameraDirectory.System, open: !parse.GetValue(noOpen), OperatingSystem.IsLinux());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <param name="open">Open each capturing node to see what it gives (a camera in use by another program does not open).</param>
    /// <param name="listed">The system lists its devices (Linux sysfs); otherwise indices are tried with OpenCV.</param>
    public static void Write(TextWriter writer, CameraDirectory cameras, bool open, bool listed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cameras);
        if (!listed)
        {
            int found = 0;
            for (int index = 0; index < ProbedIndices; index++)
            {
                if (Given(index) is { } given)
                {
                    writer.WriteLine($"camera:{index}  {given}");
                    found++;
                }
            }

            writer.WriteLine(found == 0 ? $"no cameras: none of camera:0 to camera:{ProbedIndices - 1} opens" : $"{found} camera(s)");
            return;
        }

        var devices = cameras.List();
        if (devices.Count == 0)
        {
            writer.WriteLine($"no cameras: {cameras.Sysfs} lists no video devices (none plugged in, or no V4L2 driver); try --source synthetic");
            return;
        }

        int width = devices.Max(d => d.Name.Length);
        foreach (var device in devices)
        {
            string what = !device.FirstNode ? "a further node of the same device (metadata), not a camera to open"
                : !open ? ""
                : Given(device.Index) ?? "does not open (in use by another program, or not a capture device)";
            writer.WriteLine($"camera:{device.Index,-3} {device.Node,-13} {device.Name.PadRight(width)}  {what}".TrimEnd());
        }
    }

    private static string? Given(int index)
    {
        using var camera = CameraSource.TryOpen(index, null, null, null);
        return camera?.Given;
    }
}
