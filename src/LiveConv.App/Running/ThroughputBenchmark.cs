using System.Diagnostics;
using LiveConv.Engine;
using LiveConv.Pipeline;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using LiveConv.Video.Rendering;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using FramePipeline = LiveConv.Pipeline.Pipeline;

namespace LiveConv.App.Running;

/// <summary>
/// File throughput, three passes over the same file in one process: decoding alone (the ceiling), the pipeline
/// with no sink, and the pipeline rendering to a .mkv. The ratios to the first say what the engine and the
/// sinks cost.
/// </summary>
public static class ThroughputBenchmark
{
    public static IReadOnlyList<BenchmarkPass> Run(string video, Network network, int workers, long? frames, string scratchDirectory)
    {
        ArgumentNullException.ThrowIfNull(network);
        string mkv = Path.Combine(scratchDirectory, $"liveconv-bench-{Environment.ProcessId}.mkv");
        try
        {
            // Untimed: the first passes would otherwise also pay for JIT and a cold file cache.
            DecodeOnly(video, 30);
            Piped(video, network, workers, 30, null);
            return [DecodeOnly(video, frames), Piped(video, network, workers, frames, null), Piped(video, network, workers, frames, mkv)];
        }
        finally
        {
            File.Delete(mkv);
        }
    }

    private static BenchmarkPass DecodeOnly(string video, long? frames)
    {
        using var source = new VideoFileSource(video, realtime: false);
        var frame = new FramePool().Rent();
        long count = 0;
        var clock = Stopwatch.StartNew();
        while ((frames is not { } max || count < max) && source.Read(frame, CancellationToken.None))
        {
            count++;
        }

        return new BenchmarkPass("decode only", count, clock.Elapsed);
    }

    private static BenchmarkPass Piped(string video, Network network, int workers, long? frames, string? output)
    {
        using var source = new VideoFileSource(video, realtime: false);
        var sized = network.WithInputSize(source.Info.Width, source.Info.Height);
        int threads = Math.Max(1, Environment.ProcessorCount / workers);
        IFrameSink[] sinks = output is null ? [] : [new VideoFileSink(output, source.Info.Fps, followSourceTime: true)];
        var renderer = output is null ? null : new MosaicRenderer(new MosaicOptions());
        var pipeline = new FramePipeline(
            source, () => new RunnerFrameEngine(sized, null, threads), sized, renderer,
            sinks, new PipelineOptions { Workers = workers, Capacity = 4, MaxFrames = frames });
        var clock = Stopwatch.StartNew();
        pipeline.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new BenchmarkPass(output is null ? "pipeline, no sink" : "pipeline to .mkv", pipeline.Stats.Output, clock.Elapsed);
    }
}
