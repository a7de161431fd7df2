namespace LiveConv.Pipeline.Display;

/// <summary>What the <see cref="DisplayLoop"/> drives: set up once, then per tick update the state and draw it.</summary>
public interface ILoopGame
{
    void Initialize();

    /// <param name="key">The key pressed since the previous tick, or -1.</param>
    /// <returns>False once the game is over; the loop then ends without drawing.</returns>
    bool Update(LoopTime time, int key);

    void Draw(LoopTime time, IWindow window);

    /// <summary>Something new waits to be drawn (a frame came): the loop stops waiting out the interval and ticks now.</summary>
    bool HasNews => false;
}
