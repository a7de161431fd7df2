using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Engine;
using LiveConv.Pipeline.Frames;
using LiveConv.Video.Rendering;
using FramePipeline = LiveConv.Pipeline.Pipeline;

namespace LiveConv.App.Live;

/// <summary>
/// The live app as a game for the <see cref="DisplayLoop"/>: Update takes the newest frame the pipeline is done
/// with and carries out the key pressed; Draw hands the renderer the HUD's status lines (the last action's
/// confirmation, a config error until it is fixed, on demand the help) and the window's size, and shows the frame
/// the render stage drew. Network changes go through the <see cref="NetworkSlot"/> (the engine workers pick them up
/// on their next frame), view changes through the renderer's options. While paused no frame comes: the held
/// one is drawn again when the lines or the window's size change.
/// </summary>
public sealed class LiveView : ILoopGame, IDisposable
{
    private static readonly TimeSpan MessageTime = TimeSpan.FromSeconds(2.5);
    private readonly FramePipeline _pipeline;
    private readonly NetworkSlot _slot;
    private readonly MosaicRenderer _renderer;
    private readonly IWindow _window;
    private readonly LiveOptions _options;
    private readonly Action _stop;
    private readonly Action<string> _log;
    private LiveState _state;
    private readonly IFiltersView? _filters;
    private Frame? _frame;
    private bool _fresh;
    private bool _stopped;
    private string _message = "";
    private TimeSpan _messageUntil;
    private readonly ConfigWatcher? _watcher;
    private (int Map, int Row, int Column)? _neuron;
    private IReadOnlyList<string> _panel = [];
    private readonly bool _showInput;
    private readonly Recorder _recorder;
    private IReadOnlyList<string> _help = [];
    private string? _changedConfig;
    private string? _configError;
    private (LiveState, string?, string?, bool, string?, string?, IReadOnlyList<string>)? _linesOf;
    private bool _stale;

    /// <param name="recorder">The v key's recorder, one of the pipeline's sinks (it encodes on the sink thread).</param>
    /// <param name="watcher">Follows the config shown (its callback should be <see cref="ConfigChanged"/>); null: no hot reload.</param>
    public LiveView(
        FramePipeline pipeline, NetworkSlot slot, MosaicRenderer renderer, IWindow window, LiveOptions options, Recorder recorder, Action stop,
        Action<string> log, ConfigWatcher? watcher = null, IFiltersView? filters = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recorder);
        _pipeline = pipeline;
        _filters = filters;
        _slot = slot;
        _renderer = renderer;
        _window = window;
        _options = options;
        _stop = stop;
        _log = log;
        _watcher = watcher;
        _showInput = renderer.Options.ShowInput;
        _recorder = recorder;
        var current = slot.Current;
        _state = new LiveState
        {
            Network = current.Network,
            Layer = current.Layer,
            Colormap = renderer.Options.Colormap,
            Normalization = renderer.Options.Normalization,
        };
    }

    /// <summary>A frame waits in the display channel: the loop shows it now instead of at the end of its wait.</summary>
    public bool HasNews => _pipeline.Display?.TryPeek(out _) == true;

    /// <summary>The config file was saved (called from the watcher's thread): the next update reloads it.</summary>
    public void ConfigChanged(string path) => Volatile.Write(ref _changedConfig, path);

    public void Initialize() => _log("live view: press h for the keys");

    public bool Update(LoopTime time, int key)
    {
        var frames = _pipeline.Display ?? throw new InvalidOperationException("the pipeline was built without a display");
        while (frames.TryRead(out var frame))
        {
            if (_state.Paused && _frame is not null)
            {
                _pipeline.Release(frame);
                continue;
            }

            if (_frame is not null)
            {
                _pipeline.Release(_frame);
            }

            _frame = frame;
            _fresh = true;
        }

        // The last frame is drawn before the view finishes (a closed window draws nothing).
        if (frames.Completion.IsCompleted && (!_fresh || _window.IsClosed))
        {
            Finish();
            return false;
        }

        if (Interlocked.Exchange(ref _changedConfig, null) is { } changed)
        {
            Load(time, changed, "reloaded");
        }

        if (!_stopped && _window.IsClosed)
        {
            Stop();
        }

        if (_window.TakeClick() is { } click)
        {
            Select(time, click.X, click.Y);
        }

        if (_fresh && _neuron is not null && _frame is not null)
        {
            Probe(time, _neuron.Value.Map, _neuron.Value.Row, _neuron.Value.Column);
        }

        if (key >= 0 && !_stopped)
        {
            Handle(time, KeyBindings.Map(key));
        }

        if (_recorder.TakeFailure() is { } failure)
        {
            Say(time, failure);
            FollowRecording();
        }

        return true;
    }

    public void Draw(LoopTime time, IWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        bool resized = _renderer.Canvas != window.Size;
        _renderer.Canvas = window.Size;
        if (_frame is null || window.IsClosed)
        {
            return;
        }

        if (PublishLines(time) || resized)
        {
            _stale = true;
        }

        if (_stale && _state.Paused)
        {
            // No frame comes while paused: the held one is drawn again, with the new lines or at the new size.
            _renderer.Repaint(_frame);
            _fresh = true;
        }

        if (_fresh)
        {
            _pipeline.Show(window, _frame);
            _fresh = _stale = false;
        }
    }

    /// <summary>
    /// Hands the renderer the live lines when what they say changed: compared by what they are made of, so a tick
    /// allocates nothing unless something changed (a neuron looked inside changes every frame).
    /// </summary>
    private bool PublishLines(LoopTime time)
    {
        string? message = time.Total < _messageUntil && _message != _configError ? _message : null;
        var key = (_state, _recorder.FilePath, _options.SourceStatus(), time.IsRunningSlowly, _configError, message, _panel);
        if (_linesOf == key)
        {
            return false;
        }

        _linesOf = key;
        var lines = new List<string>(LiveControl.Status(_state));
        if (_state.Paused)
        {
            lines.Add("PAUSED (space resumes)");
        }

        if (_recorder.FilePath is { } recording)
        {
            lines.Add("REC " + recording);
        }

        if (key.Item3 is { } away)
        {
            lines.Add(away);
        }

        if (time.IsRunningSlowly)
        {
            lines.Add("running slowly: frames take longer than the source's interval");
        }

        if (_configError is not null)
        {
            lines.Add(LiveConv.Pipeline.Rendering.Hud.Warning + _configError);
        }

        if (message is not null)
        {
            lines.Add("> " + message);
        }

        if (_state.Help)
        {
            lines.AddRange(_help);
        }

        lines.AddRange(_panel);
        _renderer.Overlay = lines;
        return true;
    }

    public void Dispose()
    {
        _filters?.Hide();
        if (_recorder.FilePath is not null)
        {
            _log(_recorder.Stop());
        }
    }

    private void Handle(LoopTime time, KeyCommand command)
    {
        switch (command.Action)
        {
            case LiveAction.None:
                return;
            case LiveAction.Quit:
                Say(time, "quitting");
                Stop();
                return;
            case LiveAction.Snapshot:
                if (_frame is { MosaicWidth: 0 })
                {
                    _renderer.RepaintWithMosaic(_frame);
                }

                Say(time, LiveSnapshot.Take(_frame, _options.SnapshotDirectory));
                return;
            case LiveAction.Record:
                Say(time, _recorder.Toggle());
                FollowRecording();
                return;
            case LiveAction.PickConfig:
                Pick(time, command.Digit);
                return;
        }

        var before = _state;
        var (state, message) = LiveControl.Apply(_state, command.Action);
        _state = state;
        if (state.Paused != before.Paused && _pipeline.Pause(state.Paused) && state.Paused)
        {
            message += ": the input waits here, nothing is lost";
        }

        if (state.Help && !before.Help)
        {
            // Read when the help opens, so a config added to the folder meanwhile is listed.
            _help = [.. KeyBindings.Help, .. LiveOptions.ConfigKeys(_options.ConfigDirectory)];
        }

        if (!ReferenceEquals(state.Network, before.Network) || state.Layer != before.Layer || state.Stages != before.Stages
            || (state.Stages && state.SelectedMap != before.SelectedMap))
        {
            Publish();
        }

        if (state.Filters != before.Filters || (state.Filters && (!ReferenceEquals(state.Network, before.Network) || state.Layer != before.Layer)))
        {
            ShowFilters();
        }

        _renderer.Options = _renderer.Options with
        {
            Colormap = state.Colormap,
            Normalization = state.Normalization,
            Zoom = state.Zoom,
            Overlay = state.Overlay,
            Stages = state.Stages,
            Selected = state.SelectedMap,
            ShowInput = _showInput || state.Overlay || _neuron is not null,
        };
        Say(time, message);
    }

    private void Pick(LoopTime time, int digit)
    {
        int index = digit == 0 ? 9 : digit - 1;
        var files = LiveOptions.ConfigFiles(_options.ConfigDirectory);
        if (index >= files.Count)
        {
            Say(time, $"no config {digit}: {files.Count} in {_options.ConfigDirectory}");
            return;
        }

        Load(time, files[index], "config");
    }

    /// <summary>Shows a config file and watches it from now on, or says why it cannot and keeps the current one.</summary>
    private void Load(LoopTime time, string path, string what)
    {
        var (network, message) = ConfigReload.Try(path, _slot.Current.Network, what);
        // A broken config stays on the HUD until a load succeeds.
        _configError = network is null ? message : null;
        if (network is not null)
        {
            _state = _state with { Network = network, Layer = network.Layers.Count - 1, SelectedMap = 0 };
            Publish();
            ShowFilters();
            _watcher?.Watch(path);
        }

        Say(time, message);
    }

    /// <summary>A recording gets the files' mosaic, drawn only while one runs (and stopped when it fails) when nothing else needs it.</summary>
    private void FollowRecording() => _renderer.FileMosaic = _options.FileOutputs || _recorder.FilePath is not null;

    /// <summary>The filters window follows the network and the displayed layer's convolution while <c>f</c> is on.</summary>
    private void ShowFilters()
    {
        if (_filters is null)
        {
            return;
        }

        if (_state.Filters && FilterSheet.ConvolutionOf(_state.Network, _state.Layer) is { } conv)
        {
            _filters.Show(_state.Network, conv, LiveControl.FiltersLine(_state.Network, conv));
        }
        else
        {
            _filters.Hide();
        }
    }

    /// <summary>
    /// Hands the network and displayed layer to the engines, with the selected map to follow through its stages while
    /// <c>x</c> is on and the displayed layer has a convolution to follow it from (Tab can reach one that has none).
    /// </summary>
    private void Publish()
    {
        bool stages = _state.Stages && MapStages.Find(_state.Network, _state.Layer).Count > 0;
        _slot.Set(_state.Network, _state.Layer, stages ? _state.SelectedMap : null);
    }

    /// <summary>A click on a map tile freezes that neuron (a click elsewhere lets it go).</summary>
    private void Select(LoopTime time, int x, int y)
    {
        if (_renderer.Layout is not { } layout || !layout.TryLocate(x, y, out int map, out int row, out int column))
        {
            Release();
            return;
        }

        _neuron = (map, row, column);
        Probe(time, map, row, column);
        if (_neuron is not null)
        {
            _log(_panel[0]);
        }
    }

    /// <summary>
    /// The frozen neuron's numbers on the current frame. The displayed layer's pixel maps to the first convolution's
    /// output by the ratio of their sizes (after pooling, the first neuron of its window); maps past the first
    /// convolution are not covered, and say so.
    /// </summary>
    private void Probe(LoopTime time, int map, int row, int column)
    {
        var network = _slot.Current.Network;
        var frame = _frame!;
        if (frame.Width != network.Input.Width || frame.Height != network.Input.Height)
        {
            return;
        }

        var shown = network.Shapes[_state.Layer];
        var first = network.Shapes[0];
        if (network.Layers[0] is not Engine.Layers.Conv2d || shown.Channels != first.Channels)
        {
            Release();
            Say(time, "looking inside a neuron covers the first convolution's maps: Tab to it");
            return;
        }

        var input = new Engine.Tensors.Tensor(network.InputShape);
        var spec = network.Input;
        Engine.Tensors.FrameConverter.Convert(frame.Pixels, frame.Width, frame.Height, frame.Stride, frame.Format, spec.Color, spec.Scale, input);
        Engine.Tensors.FrameConverter.Normalize(spec, input);
        var neuron = Engine.Reference.NeuronProbe.Explain(network, input, map,
            Math.Min(first.Height - 1, row * first.Height / shown.Height), Math.Min(first.Width - 1, column * first.Width / shown.Width));
        string name = map < frame.MapNames.Count ? frame.MapNames[map] : $"map {map}";
        _panel = NeuronPanel.Lines(neuron, name);
        // The receptive field outlined on the input tile, which is shown while a neuron is frozen.
        _renderer.Options = _renderer.Options with
        {
            ShowInput = true,
            Highlight = (neuron.Left, neuron.Top, neuron.Width, neuron.Height),
        };
    }

    private void Release()
    {
        _neuron = null;
        _panel = [];
        _renderer.Options = _renderer.Options with { Highlight = null, ShowInput = _showInput || _state.Overlay };
    }

    private void Say(LoopTime time, string message)
    {
        if (message.Length == 0)
        {
            return;
        }

        _message = message;
        _messageUntil = time.Total + MessageTime;
        _log(message);
    }

    private void Stop()
    {
        _stopped = true;
        _stop();
    }

    private void Finish()
    {
        if (_frame is not null)
        {
            _pipeline.Release(_frame);
            _frame = null;
        }

        Dispose();
    }
}
