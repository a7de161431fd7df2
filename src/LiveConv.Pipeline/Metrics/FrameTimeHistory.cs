using LiveConv.Pipeline.Frames;

namespace LiveConv.Pipeline.Metrics;

/// <summary>
/// The last <see cref="Capacity"/> output frames' milliseconds per stage (<see cref="Stages"/>), for the HUD's
/// frame-time graph, the way a game engine's frame profiler keeps its last few seconds. Thread-safe; no allocation
/// per frame.
/// </summary>
public sealed class FrameTimeHistory
{
    /// <summary>About five seconds at 30 fps.</summary>
    public const int Capacity = 150;

    /// <summary>
    /// What each sample holds, in this order: the stages of a frame's way to the screen as measured, then "wait", the
    /// rest of its capture-to-screen time (the sinks, and the queues between the stages and before the window's tick).
    /// </summary>
    public static IReadOnlyList<string> Stages { get; } = ["capture", "engine", "render", "display", "wait"];

    private const int Width = 5;

    private readonly object _gate = new();
    private readonly float[] _samples = new float[Capacity * Width];
    private long _count;

    /// <summary>Adds a frame: capture, engine, render and display as measured, and what else its latency holds.</summary>
    public void Record(Frame frame, double latencyMs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        double capture = frame.Times[Stage.Capture].TotalMilliseconds;
        double engine = frame.Times[Stage.Engine].TotalMilliseconds;
        double render = frame.Times[Stage.Render].TotalMilliseconds;
        double display = frame.Times[Stage.Display].TotalMilliseconds;
        // The latency starts when capture hands the frame over, so capture is not part of it.
        double wait = Math.Max(0, latencyMs - engine - render - display);
        lock (_gate)
        {
            int at = (int)(_count % Capacity) * Width;
            (_samples[at], _samples[at + 1], _samples[at + 2], _samples[at + 3], _samples[at + 4]) =
                ((float)capture, (float)engine, (float)render, (float)display, (float)wait);
            _count++;
        }
    }

    /// <summary>Copies the samples, oldest first, one float per stage each, into <paramref name="destination"/> (room for <see cref="Capacity"/>); how many.</summary>
    public int CopyTo(Span<float> destination)
    {
        lock (_gate)
        {
            int n = (int)Math.Min(_count, Capacity);
            int first = (int)((_count - n) % Capacity);
            for (int i = 0; i < n; i++)
            {
                _samples.AsSpan(((first + i) % Capacity) * Width, Width).CopyTo(destination[(i * Width)..]);
            }

            return n;
        }
    }
}
