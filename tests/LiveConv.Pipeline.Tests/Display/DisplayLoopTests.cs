using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Frames;
using Microsoft.Extensions.Time.Testing;

namespace LiveConv.Pipeline.Tests.Display;

public class DisplayLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);

    [Fact]
    public void RunOneFrame_InitializesOnceThenUpdatesAndDraws()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.FromMilliseconds(10));
        var loop = new DisplayLoop(game, new FakeWindow(time), time, Interval);

        Assert.True(loop.RunOneFrame());
        Assert.True(loop.RunOneFrame());

        Assert.Equal(1, game.Initialized);
        Assert.Equal(2, game.Updates.Count);
        Assert.Equal(2, game.Draws);
    }

    [Fact]
    public void RunOneFrame_WaitsOutTheIntervalSoTicksFollowTheSourceRate()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.FromMilliseconds(10));
        var loop = new DisplayLoop(game, new FakeWindow(time), time, Interval);

        for (int i = 0; i < 5; i++)
        {
            loop.RunOneFrame();
        }

        Assert.All(game.Updates.Skip(1), u => Assert.Equal(Interval, u.Elapsed));
        Assert.Equal(4 * Interval, game.Updates[^1].Total);
        Assert.False(loop.IsRunningSlowly);
    }

    [Fact]
    public void IsRunningSlowly_AfterSeveralLateTicks_AndOffAgainAfterAnOnTimeOne()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.FromMilliseconds(100));
        var loop = new DisplayLoop(game, new FakeWindow(time), time, Interval);

        for (int i = 0; i < DisplayLoop.LateTicksForSlow - 1; i++)
        {
            loop.RunOneFrame();
            Assert.False(loop.IsRunningSlowly);
        }

        loop.RunOneFrame();
        Assert.True(loop.IsRunningSlowly);
        loop.RunOneFrame();
        Assert.True(game.Updates[^1].IsRunningSlowly);

        game.Work = TimeSpan.FromMilliseconds(5);
        loop.RunOneFrame();
        Assert.False(loop.IsRunningSlowly);
    }

    [Fact]
    public void KeyPressedWhileWaiting_ReachesTheNextUpdate()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.Zero);
        var window = new FakeWindow(time) { Keys = new Queue<int>([-1, 'm']) };
        var loop = new DisplayLoop(game, window, time, Interval);

        loop.RunOneFrame();
        loop.RunOneFrame();
        loop.RunOneFrame();

        // The first slice of the first tick's wait saw nothing, the second the m, which ended the wait.
        Assert.Equal([-1, 'm', -1], game.Updates.Select(u => u.Key));
        Assert.Equal(2 * DisplayLoop.Slice, game.Updates[1].Elapsed);
    }

    [Fact]
    public void NewsFromTheGame_EndsTheWait_SoAFrameIsShownWhenItComes()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.Zero) { NewsAfter = TimeSpan.FromMilliseconds(7) };
        var loop = new DisplayLoop(game, new FakeWindow(time), time, Interval);

        loop.RunOneFrame();
        loop.RunOneFrame();

        // News at 7 ms is seen at the end of the slice it came in: 8 ms, not the interval's 40.
        Assert.Equal(TimeSpan.FromMilliseconds(8), game.Updates[1].Elapsed);
    }

    [Fact]
    public void Run_EndsWhenTheGameSaysSo_WithoutDrawingThatTick()
    {
        var time = new FakeTimeProvider();
        var game = new ScriptedGame(time, work: TimeSpan.Zero) { EndAfter = 3 };

        new DisplayLoop(game, new FakeWindow(time), time, Interval).Run();

        Assert.Equal(4, game.Updates.Count);
        Assert.Equal(3, game.Draws);
    }

    private sealed class ScriptedGame(FakeTimeProvider time, TimeSpan work) : ILoopGame
    {
        public int Initialized { get; private set; }

        public List<(TimeSpan Total, TimeSpan Elapsed, bool IsRunningSlowly, int Key)> Updates { get; } = [];

        public int Draws { get; private set; }

        public TimeSpan Work { get; set; } = work;

        public int EndAfter { get; init; } = int.MaxValue;

        /// <summary>News comes this long after the first update; never by default.</summary>
        public TimeSpan? NewsAfter { get; init; }

        public bool HasNews => NewsAfter is { } after && time.GetUtcNow() - Started >= after;

        private DateTimeOffset Started { get; set; }

        public void Initialize() => Initialized++;

        public bool Update(LoopTime loopTime, int key)
        {
            if (Updates.Count == 0)
            {
                Started = time.GetUtcNow();
            }

            Updates.Add((loopTime.Total, loopTime.Elapsed, loopTime.IsRunningSlowly, key));
            return Updates.Count <= EndAfter;
        }

        public void Draw(LoopTime loopTime, IWindow window)
        {
            Draws++;
            time.Advance(Work);
        }
    }

    /// <summary>Waiting for a key moves the fake clock, as a real window's event wait takes real time.</summary>
    private sealed class FakeWindow(FakeTimeProvider time) : IWindow
    {
        public Queue<int> Keys { get; init; } = new();

        public bool IsClosed => false;

        public (int Width, int Height) Size => (640, 480);

        public void Show(Frame frame)
        {
        }

        public (int X, int Y)? TakeClick() => null;

        public int PollKey(int milliseconds)
        {
            time.Advance(TimeSpan.FromMilliseconds(milliseconds));
            return Keys.TryDequeue(out int key) ? key : -1;
        }
    }
}
