using System.Globalization;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Video.Sources;

/// <summary>Turns <c>--source</c> into a source. The default is camera 0 if it opens, else the synthetic scene.</summary>
public static class SourceFactory
{
    public const string NoCameraAdvice =
        "check that it is plugged in and not used by another program, try another index (--source camera:1), "
        + "or run without a camera: --source synthetic, --source FILE";

    /// <param name="notice">A line to show the user: which source was picked by default and why, what a camera gave; null when none.</param>
    /// <exception cref="SourceException">The source cannot be opened; the message says what to try.</exception>
    public static IFrameSource Open(SourceOptions options, out string? notice) => Open(options, CameraDirectory.System, out notice);

    /// <param name="cameras">Where device nodes and names are looked up (a made-up tree in tests).</param>
    public static IFrameSource Open(SourceOptions options, CameraDirectory cameras, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cameras);
        notice = null;
        string? spec = options.Spec;
        if (spec is null or "auto")
        {
            var camera = OpenCamera(0, options);
            if (camera is not null)
            {
                notice = CameraNotice(camera, cameras);
                return camera;
            }

            notice = $"source: no camera 0 found, showing the synthetic scene ({options.Width}x{options.Height} at {options.Fps:0.##} fps) instead";
            return Synthetic(options, realtime: true);
        }

        if (spec == "synthetic")
        {
            return Synthetic(options, options.Realtime);
        }

        if (CameraIndex(spec, cameras) is { } index)
        {
            string where = spec.StartsWith("camera", StringComparison.Ordinal) ? $"index {index}" : $"{spec} (camera:{index})";
            var camera = OpenCamera(index, options) ?? throw new SourceException($"no camera at {where}: {NoCameraAdvice}");
            notice = CameraNotice(camera, cameras);
            return camera;
        }

        if (Directory.Exists(spec))
        {
            return ImageSequenceSource.FromFolder(spec, options.Loop, options.Fps);
        }

        if (ImageSequenceSource.IsImage(spec))
        {
            return ImageSequenceSource.FromFile(spec, options.Loop, options.Fps);
        }

        if (File.Exists(spec))
        {
            return new VideoFileSource(spec, options.Realtime);
        }

        if (cameras.FindByName(spec) is { } named)
        {
            var camera = OpenCamera(named.Index, options) ?? throw new SourceException($"camera '{spec}' ({named.Node}) does not open: {NoCameraAdvice}");
            notice = CameraNotice(camera, cameras);
            return camera;
        }

        throw new SourceException($"source '{spec}' is not a file, a folder, a camera (camera:N, /dev/videoN, or a name that liveconv cameras lists) or synthetic");
    }

    /// <summary><c>camera:N</c>, <c>camera</c>, or a device node (or a link to one) such as /dev/video2; null for anything else.</summary>
    private static int? CameraIndex(string spec, CameraDirectory cameras)
    {
        if (spec.StartsWith("camera", StringComparison.Ordinal))
        {
            string digits = spec.Length > 7 && spec[6] == ':' ? spec[7..] : spec == "camera" ? "0" : "";
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                ? index
                : throw new SourceException($"'{spec}' is not a camera: write camera:N, N the camera's index (camera:0 is the first), or its node, e.g. /dev/video0");
        }

        if (!spec.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return null;
        }

        return CameraDirectory.IndexOfNode(spec) ?? throw new SourceException(
            $"'{spec}' is not a video device node (/dev/videoN, or a link to one){Listed(cameras)}");
    }

    private static string Listed(CameraDirectory cameras)
    {
        var devices = cameras.List();
        return devices.Count == 0 ? "; this machine lists no cameras" : $"; cameras here: {string.Join(", ", devices.Select(d => $"{d.Node} ({d.Name})"))}";
    }

    /// <summary>Which camera it is and what it gave, which may not be what was asked.</summary>
    private static string CameraNotice(CameraSource camera, CameraDirectory cameras)
    {
        var device = cameras.List().FirstOrDefault(d => d.Index == camera.Index);
        string which = device is null ? camera.Info.Name : $"{camera.Info.Name} \"{device.Name}\" ({device.Node})";
        string asked = camera.Asked.Length > 0 ? $" (asked {camera.Asked})" : "";
        return $"source: {which}: {camera.Given}{asked}";
    }

    private static CameraSource? OpenCamera(int index, SourceOptions options) =>
        CameraSource.TryOpen(index, options.SizeRequested ? options.Width : null, options.SizeRequested ? options.Height : null,
            options.FpsRequested ? options.Fps : null);

    private static SyntheticSource Synthetic(SourceOptions options, bool realtime) =>
        options.Width >= SyntheticScene.MinSide && options.Height >= SyntheticScene.MinSide
            ? new(options.Width, options.Height, options.Fps, options.Seed, realtime)
            : throw new SourceException($"the synthetic scene draws frames of at least {SyntheticScene.MinSide}x{SyntheticScene.MinSide}, not {options.Width}x{options.Height} (--size)");
}
