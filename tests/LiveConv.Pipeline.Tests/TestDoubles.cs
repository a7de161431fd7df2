using System.Collections.Concurrent;
using LiveConv.Engine;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;

namespace LiveConv.Pipeline.Tests;

/// <summary>Small sources, engines and sinks the pipeline tests drive it with.</summary>
internal static class TestDoubles
{
    public const int Width = 16;
    public const int Height = 12;

    public static Network Network { get; } = new(
        new InputSpec(PixelFormat.Gray, 1f, Width, Height),
        [new Conv2d([KernelLibrary.Get("vertical_line"), KernelLibrary.Get("identity")], padding: Padding.Same)]);

    public static void Fill(Span<byte> pixels, long index)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((index * 7) + (i % Width));
        }
    }
}

/// <summary>Gray frames whose pixels encode their index; endless when no count is given.</summary>
internal sealed class CountingSource(long? count, bool live = false, Func<long, Exception?>? failAt = null, bool paced = false, double fps = 30) : IFrameSource
{
    private long _next;

    public SourceInfo Info { get; } = new("counting", TestDoubles.Width, TestDoubles.Height, PixelFormat.Gray, fps, live, count, paced);

    public bool Disposed { get; private set; }

    /// <summary>Frames read so far (from any thread).</summary>
    public long FramesRead => Volatile.Read(ref _next);

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next == count)
        {
            return false;
        }

        if (failAt?.Invoke(_next) is { } error)
        {
            throw error;
        }

        TestDoubles.Fill(frame.PreparePixels(TestDoubles.Width, TestDoubles.Height, PixelFormat.Gray), _next);
        frame.Index = _next;
        frame.SourceTime = TimeSpan.FromSeconds(_next / fps);
        _next++;
        return true;
    }

    public void Dispose() => Disposed = true;
}

/// <summary>The reference engine, after a random pause, so workers finish out of order; can fail on one frame.</summary>
internal sealed class JitteryEngine(int seed, long? failOn = null) : IFrameEngine
{
    private readonly ReferenceFrameEngine _inner = new(TestDoubles.Network);
    private readonly Random _random = new(seed);

    public void Process(Frame frame)
    {
        if (frame.Index == failOn)
        {
            throw new InvalidOperationException($"engine broke on frame {frame.Index}");
        }

        Thread.Sleep(_random.Next(0, 4));
        _inner.Process(frame);
    }

    public void Dispose() => _inner.Dispose();
}

/// <summary>
/// The reference engine, stalling on one frame until <paramref name="release"/> holds or a time has passed, as a
/// worker whose thread a busy machine does not run for a while.
/// </summary>
internal sealed class StallingEngine(long stallOn, Func<bool> release, TimeSpan limit) : IFrameEngine
{
    private readonly ReferenceFrameEngine _inner = new(TestDoubles.Network);

    public void Process(Frame frame)
    {
        if (frame.Index == stallOn)
        {
            SpinWait.SpinUntil(release, limit);
        }

        _inner.Process(frame);
    }

    public void Dispose() => _inner.Dispose();
}

/// <summary>Records what it was given; can be slow, can fail, can call back.</summary>
internal sealed class RecordingSink(int delayMs = 0, long? failOn = null, Action<Frame>? onWrite = null) : IFrameSink
{
    public ConcurrentQueue<long> Indices { get; } = new();

    public List<float[]> Maps { get; } = [];

    public bool KeepMaps { get; init; }

    public int Disposals { get; private set; }

    public void Write(Frame frame)
    {
        if (frame.Index == failOn)
        {
            throw new IOException($"disk full at frame {frame.Index}");
        }

        if (delayMs > 0)
        {
            Thread.Sleep(delayMs);
        }

        Indices.Enqueue(frame.Index);
        if (KeepMaps)
        {
            Maps.Add(frame.Maps!.Data.ToArray());
        }

        onWrite?.Invoke(frame);
    }

    public void Dispose() => Disposals++;
}

/// <summary>Gray frames of any size, all alike.</summary>
internal sealed class SizedSource(int width, int height, long count) : IFrameSource
{
    private long _next;

    public SourceInfo Info { get; } = new("sized", width, height, PixelFormat.Gray, 30, false, count);

    public bool Read(Frame frame, CancellationToken cancellationToken)
    {
        if (_next == count)
        {
            return false;
        }

        frame.PreparePixels(width, height, PixelFormat.Gray)[(int)(_next % (width * height))] = 255;
        frame.Index = _next++;
        return true;
    }

    public void Dispose()
    {
    }
}
