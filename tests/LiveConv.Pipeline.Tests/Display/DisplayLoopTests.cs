using LiveConv.Pipeline.Display;
using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Tests.Display;

public class DisplayLoopTests
{
    [Fact]
    public async Task QKey_StopsThePipelineAndTheLoopEndsWhenItHasDrained()
    {
        using var stop = new CancellationTokenSource();
        var pipeline = new Pipeline(new CountingSource(null), () => new JitteryEngine(1), TestDoubles.Network, null,
            [], new PipelineOptions { Display = true });
        var window = new ScriptedWindow(pressQAfter: 10);
        var run = pipeline.RunAsync(stop.Token);

        DisplayLoop.Run(pipeline, window, stop.Cancel);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(window.Shown >= 10);
        Assert.Equal(pipeline.Stats.Output, window.Shown);
        Assert.Equal(pipeline.Stats.Captured, pipeline.Stats.Output);
    }

    /// <summary>A window that presses q once it has shown enough frames.</summary>
    private sealed class ScriptedWindow(int pressQAfter) : IWindow
    {
        public int Shown { get; private set; }

        public bool IsClosed => false;

        public void Show(Frame frame) => Shown++;

        public int PollKey(int milliseconds)
        {
            Thread.Sleep(milliseconds);
            return Shown >= pressQAfter ? 'q' : -1;
        }
    }
}
