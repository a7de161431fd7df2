using LiveConv.App.Configuration;
using LiveConv.Video.Rendering;

namespace LiveConv.App.Running;

/// <summary>Everything <c>liveconv run</c> was asked to do, checked and defaulted.</summary>
public sealed record RunSettings
{
    public string? Source { get; init; }

    public required string ConfigPath { get; init; }

    /// <summary>A network imported from an ONNX model (--model) instead of the file at <see cref="ConfigPath"/>, which is then the model's path and not watched.</summary>
    public LiveConvConfig? Imported { get; init; }

    /// <summary>The folder the live keys 1-9, 0 pick configs from; null: the folder of <see cref="ConfigPath"/>.</summary>
    public string? ConfigDirectory { get; init; }

    public string? Output { get; init; }

    public bool Lossless { get; init; }

    public string? DumpDirectory { get; init; }

    public string? SnapshotDirectory { get; init; }

    /// <summary>Where the live key v records, a new file each time.</summary>
    public string RecordingDirectory { get; init; } = "recordings";

    public int SnapshotEvery { get; init; }

    public long? Frames { get; init; }

    public bool Headless { get; init; }

    public const int FallbackFrames = 300;

    public const int FallbackSnapshotEvery = 100;

    /// <summary>Where no window can open, run headless (<see cref="FallbackFrames"/> frames with snapshots) rather than fail.</summary>
    public bool FallbackHeadless { get; init; }

    public bool Realtime { get; init; }

    /// <summary>--on-source-loss retry: a camera that fails is reopened until it is back (see ReconnectingSource); files end as usual.</summary>
    public bool RetryOnSourceLoss { get; init; }

    public bool Loop { get; init; }

    /// <summary>Requested frame size (camera, synthetic scene); null to use the config's.</summary>
    public (int Width, int Height)? Size { get; init; }

    public double? Fps { get; init; }

    public int Seed { get; init; }

    /// <summary>Show FFmpeg's own log too.</summary>
    public bool Verbose { get; init; }

    public int? Layer { get; init; }

    /// <summary>Engine workers; null for <see cref="DefaultWorkers"/>.</summary>
    public int? Workers { get; init; }

    /// <summary>
    /// A live source gets one worker using every core on each frame (the lowest latency); a file gets one worker per
    /// core, up to 4, each frame on one core (the most frames per second: no core waits for another mid-frame while
    /// the decoder competes for them).
    /// </summary>
    public static int DefaultWorkers(bool live) => live ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);

    public bool ReferenceEngine { get; init; }

    public required MosaicOptions Mosaic { get; init; }
}
