using System.Globalization;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Video.Sources;

/// <summary>Turns <c>--source</c> into a source. The default is camera 0 if it opens, else the synthetic scene.</summary>
public static class SourceFactory
{
    public const string NoCameraAdvice =
        "check that it is plugged in and not used by another program, try another index (--source camera:1), "
        + "or run without a camera: --source synthetic, --source FILE";

    /// <param name="notice">A line to show the user: which source was picked by default and why; null when none.</param>
    /// <exception cref="SourceException">The source cannot be opened; the message says what to try.</exception>
    public static IFrameSource Open(SourceOptions options, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(options);
        notice = null;
        string? spec = options.Spec;
        if (spec is null or "auto")
        {
            var camera = OpenCamera(0, options);
            if (camera is not null)
            {
                notice = $"source: camera 0 ({camera.Info.Width}x{camera.Info.Height})";
                return camera;
            }

            notice = $"source: no camera 0 found, showing the synthetic scene ({options.Width}x{options.Height} at {options.Fps:0.##} fps) instead";
            return Synthetic(options, realtime: true);
        }

        if (spec == "synthetic")
        {
            return Synthetic(options, options.Realtime);
        }

        if (spec.StartsWith("camera", StringComparison.Ordinal))
        {
            string digits = spec.Length > 7 && spec[6] == ':' ? spec[7..] : spec == "camera" ? "0" : "";
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                throw new SourceException($"'{spec}' is not a camera: write camera:N, N the camera's index (camera:0 is the first)");
            }

            return OpenCamera(index, options) ?? throw new SourceException($"no camera at index {index}: {NoCameraAdvice}");
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

        throw new SourceException($"source '{spec}' is not a file, a folder, camera:N or synthetic");
    }

    private static CameraSource? OpenCamera(int index, SourceOptions options) =>
        CameraSource.TryOpen(index, options.SizeRequested ? options.Width : null, options.SizeRequested ? options.Height : null,
            options.FpsRequested ? options.Fps : null);

    private static SyntheticSource Synthetic(SourceOptions options, bool realtime) =>
        new(options.Width, options.Height, options.Fps, options.Seed, realtime);
}
