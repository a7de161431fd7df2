using System.Collections.Concurrent;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Rendering;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Video.Tests;

/// <summary>Runs the real pipeline with the reference engine, for the round-trip tests.</summary>
internal static class Runs
{
    public static Network Lines(PixelFormat color = PixelFormat.Gray) => new(
        new InputSpec(color, InputSpec.DefaultScale, 64, 48),
        [new Conv2d([KernelLibrary.Get("vertical_line"), KernelLibrary.Get("horizontal_line")], padding: Padding.Same)]);

    public static async Task<Pipeline.Pipeline> Run(
        IFrameSource source, Network network, IFrameRenderer? renderer, IReadOnlyList<IFrameSink> sinks, long? frames = null, int workers = 2)
    {
        var pipeline = new Pipeline.Pipeline(source, () => new ReferenceFrameEngine(network), network, renderer, sinks,
            new PipelineOptions { Workers = workers, MaxFrames = frames, Live = source.Info.IsLive });
        await pipeline.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        return pipeline;
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "liveconv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Keeps a copy of each frame's maps.</summary>
internal sealed class MapsSink : IFrameSink
{
    public ConcurrentDictionary<long, Tensor> Maps { get; } = new();

    public void Write(Frame frame) => Maps[frame.Index] = new Tensor(frame.Maps!.Shape, frame.Maps.Data.ToArray());

    public void Dispose()
    {
    }
}
