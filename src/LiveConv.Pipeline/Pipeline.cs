using System.Threading.Channels;
using LiveConv.Engine;
using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Pipeline.Rendering;
using LiveConv.Pipeline.Sinks;
using LiveConv.Pipeline.Sources;
using LiveConv.Pipeline.Stages;

namespace LiveConv.Pipeline;

/// <summary>
/// capture → engine → render → sinks (→ window), linked by bounded channels; with several engine workers, which
/// number the frames as they take them from one channel, a reorder stage after them restores that order. Live:
/// the channels around the workers drop their oldest frame when full, so nothing queues up; each drop returns
/// the frame to the pool and is counted. File: every channel waits, so no frame is lost. This class only wires
/// the stages and awaits them.
/// </summary>
public sealed class Pipeline
{
    private readonly IFrameSource _source;
    private readonly IReadOnlyList<IFrameEngine> _engines;
    private readonly IFrameRenderer? _renderer;
    private readonly Network _network;
    private readonly IReadOnlyList<IFrameSink> _sinks;
    private readonly PipelineOptions _options;
    private readonly Channel<Frame>? _display;
    private readonly PauseGate _pause = new();

    /// <param name="engines">Makes one engine per worker.</param>
    /// <param name="renderer">Draws the mosaic; null when no sink or window needs it.</param>
    public Pipeline(
        IFrameSource source, Func<IFrameEngine> engines, Network network, IFrameRenderer? renderer,
        IReadOnlyList<IFrameSink> sinks, PipelineOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Capacity);
        _source = source;
        _engines = Enumerable.Range(0, options.Workers).Select(_ => engines()).ToArray();
        _network = network;
        _renderer = renderer;
        _sinks = sinks;
        _options = options;
        Stats = new PipelineStats(time ?? TimeProvider.System);
        Pool = options.Pool ?? new FramePool();
        if (options.Display)
        {
            _display = CreateChannel(1, dropOldest: options.Live, Stage.Display);
        }
    }

    public PipelineStats Stats { get; }

    public FramePool Pool { get; }

    /// <summary>Frames for the window, when built with <see cref="PipelineOptions.Display"/>; give each back with <see cref="Release"/>.</summary>
    public ChannelReader<Frame>? Display => _display?.Reader;

    /// <summary>
    /// The viewer's pause: a file or the synthetic scene stops where it is and goes on from there, losing nothing. A
    /// live source cannot wait, so it keeps capturing; only the window stands still.
    /// </summary>
    /// <returns>Whether the input holds (false for a live source).</returns>
    public bool Pause(bool paused)
    {
        if (_options.Live)
        {
            return false;
        }

        _pause.Set(paused);
        return true;
    }

    /// <summary>
    /// Shows the frame in the window: the time that takes is the frame's display stage, and the frame counts as output,
    /// its latency ending here (shown again, as a held frame while paused, it counts once).
    /// </summary>
    public void Show(IWindow window, Frame frame)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(frame);
        long started = Stats.Time.GetTimestamp();
        window.Show(frame);
        frame.Times[Stage.Display] = Stats.Time.GetElapsedTime(started);
        if (!frame.Shown)
        {
            frame.Shown = true;
            Stats.OnOutput(frame);
        }
    }

    /// <summary>
    /// A frame the window is done with goes back to the pool. One it never showed (a newer one came first) counts as
    /// dropped before the display when live; from a file it counts as output, as every sink had it.
    /// </summary>
    public void Release(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.Shown && _options.Live)
        {
            Stats.OnDropped(Stage.Display);
        }
        else if (!frame.Shown)
        {
            Stats.OnOutput(frame);
        }

        Pool.Return(frame);
    }

    /// <summary>
    /// Runs one black frame of the source's size through every engine, the renderer and <paramref name="window"/>
    /// before the run, on the caller's thread (the window's), counting nothing: a live source's first frames then do
    /// not wait for the kernels and painters to compile and the window to map, which dropped 4–8 of them and gave a
    /// 450-frame run its p99. Call it before <see cref="RunAsync"/>.
    /// </summary>
    public void WarmUp(IWindow? window)
    {
        var info = _source.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return;
        }

        var frame = Pool.Rent();
        try
        {
            frame.PreparePixels(info.Width, info.Height, info.Format).Clear();
            foreach (var engine in _engines)
            {
                engine.Process(frame);
            }

            if (_renderer is not null)
            {
                _renderer.Render(frame, []);
                window?.Show(frame);
            }
        }
        finally
        {
            Pool.Return(frame);
        }
    }

    /// <summary>Runs until the source ends, the frame limit, or <paramref name="stop"/>; then drains and finalizes the sinks.</summary>
    /// <exception cref="PipelineException">A stage failed; the others were stopped.</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        // Not disposed: the fault continuations may cancel it after the run is over; it holds no timer.
        var abort = new CancellationTokenSource();
        bool live = _options.Live;
        var captured = CreateChannel(_options.Capacity, live, Stage.Engine);
        var ordered = CreateChannel(_options.Capacity, live, Stage.Render);
        var rendered = _renderer is null ? ordered : CreateChannel(_options.Capacity, live, Stage.Sink);

        var token = abort.Token;
        var stages = new List<(string Name, Task Task)>
        {
            ("capture", new CaptureStage(_source, Pool, Stats, _options.MaxFrames, _options.Pace, _pause).RunAsync(captured.Writer, stop, token)),
        };
        // Room for every worker to be a frame ahead of a late one, and for the channel between them and the reorder stage.
        using var inFlight = _engines.Count == 1 ? null : new InFlightLimit(_options.Capacity + (2 * _engines.Count));
        if (inFlight is null)
        {
            // One worker keeps the order: nothing to restore.
            stages.Add(("engine", new EngineStage(_engines).RunAsync(captured.Reader, ordered.Writer, token)));
        }
        else
        {
            var processed = CreateChannel(_options.Capacity + _engines.Count, dropOldest: false, Stage.Engine);
            stages.Add(("engine", new EngineStage(_engines, inFlight).RunAsync(captured.Reader, processed.Writer, token)));
            stages.Add(("reorder", new ReorderStage(inFlight).RunAsync(processed.Reader, ordered.Writer, token)));
        }

        if (_renderer is not null)
        {
            stages.Add(("render", new RenderStage(_renderer, new Hud(Stats, () => _options.Network?.Current.Network ?? _network, _source.Info.Fps, _source.Info.Given is { } given ? $"{_source.Info.Name}: {given}" : null)).RunAsync(ordered.Reader, rendered.Writer, token)));
        }

        stages.Add(("sink", new SinkStage(_sinks, Stats, Pool).RunAsync(rendered.Reader, _display?.Writer, token)));

        // A failure after capture stops every other stage, so none waits forever on a channel nobody serves. A
        // capture failure needs no abort: it ends the input and the rest drains.
        foreach (var (_, task) in stages.Skip(1))
        {
            _ = task.ContinueWith(_ => abort.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        try
        {
            await Task.WhenAll(stages.Select(s => s.Task)).ConfigureAwait(false);
        }
        catch
        {
            throw RootCause(stages);
        }
        finally
        {
            foreach (var engine in _engines)
            {
                engine.Dispose();
            }
        }
    }

    /// <summary>The stage that failed first in the chain, not the ones that stopped because of it.</summary>
    private static PipelineException RootCause(List<(string Name, Task Task)> stages)
    {
        var failed = stages.Where(s => s.Task.IsFaulted)
            .Select(s => (s.Name, Error: s.Task.Exception!.GetBaseException()))
            .ToList();
        var (name, error) = failed.FirstOrDefault(f => f.Error is not (OperationCanceledException or ChannelClosedException));
        return error is null ? new PipelineException(failed[0].Name, failed[0].Error) : new PipelineException(name, error);
    }

    /// <param name="reader">The stage that reads the channel: a drop counts against it, as it was still busy.</param>
    private Channel<Frame> CreateChannel(int capacity, bool dropOldest, Stage reader)
    {
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = dropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
        };
        // The callback runs on the writer's thread: keep it trivial.
        return dropOldest
            ? Channel.CreateBounded<Frame>(options, dropped =>
            {
                Stats.OnDropped(reader);
                Pool.Return(dropped);
            })
            : Channel.CreateBounded<Frame>(options);
    }
}
