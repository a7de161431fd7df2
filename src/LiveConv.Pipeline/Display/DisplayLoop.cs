namespace LiveConv.Pipeline.Display;

/// <summary>
/// The game loop (MonoGame's Initialize / Update / Draw) on the calling (main) thread, as GUI toolkits require.
/// Each tick updates, draws, then waits out the rest of the target interval inside <see cref="IWindow.PollKey"/>
/// so the window keeps processing events and the key pressed meanwhile reaches the next update. The wait is cut
/// into slices of <see cref="Slice"/>: a key, or news from the game (<see cref="ILoopGame.HasNews"/>: a frame came),
/// ends it early, so a frame is shown when it arrives rather than up to an interval later. Time comes from
/// the injected <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class DisplayLoop
{
    /// <summary>Late ticks in a row before <see cref="IsRunningSlowly"/> turns on (MonoGame uses a few too).</summary>
    public const int LateTicksForSlow = 3;

    /// <summary>How often the wait looks for a key or news.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(2);

    private readonly ILoopGame _game;
    private readonly IWindow _window;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private long _started;
    private long _previousTick;
    private int _lateTicks;
    private int _key = -1;
    private bool _initialized;

    /// <param name="interval">The target time per tick: one source frame (1 / fps).</param>
    public DisplayLoop(ILoopGame game, IWindow window, TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _game = game;
        _window = window;
        _time = time;
        _interval = interval;
    }

    /// <summary>True after <see cref="LateTicksForSlow"/> ticks in a row overran the interval; off after an on-time one.</summary>
    public bool IsRunningSlowly => _lateTicks >= LateTicksForSlow;

    /// <summary>Ticks until the game says it is over.</summary>
    public void Run()
    {
        while (RunOneFrame())
        {
        }
    }

    /// <summary>One tick: update, draw, wait out the interval polling keys. Initializes the game on the first call.</summary>
    /// <returns>False once the game is over.</returns>
    public bool RunOneFrame()
    {
        if (!_initialized)
        {
            _initialized = true;
            _game.Initialize();
            _started = _previousTick = _time.GetTimestamp();
        }

        long tick = _time.GetTimestamp();
        var time = new LoopTime(_time.GetElapsedTime(_started, tick), _time.GetElapsedTime(_previousTick, tick), IsRunningSlowly);
        _previousTick = tick;
        int key = _key;
        _key = -1;
        if (!_game.Update(time, key))
        {
            return false;
        }

        _game.Draw(time, _window);
        var busy = _time.GetElapsedTime(tick);
        _lateTicks = busy > _interval ? _lateTicks + 1 : 0;
        // Always poll at least once: a window that is never pumped neither repaints nor reports keys.
        var remaining = _interval - busy;
        do
        {
            _key = _window.PollKey(Math.Max(1, (int)Math.Ceiling((remaining < Slice ? remaining : Slice).TotalMilliseconds)));
            remaining = _interval - _time.GetElapsedTime(tick);
        }
        while (_key < 0 && remaining > TimeSpan.Zero && !_game.HasNews);

        return true;
    }
}
