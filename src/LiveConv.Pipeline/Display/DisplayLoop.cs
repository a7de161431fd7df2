namespace LiveConv.Pipeline.Display;

/// <summary>
/// Pumps the window on the calling (main) thread, as GUI toolkits require: shows each frame the sinks are done
/// with, polls keys (q or Esc stops, s asks for a snapshot) and returns when the pipeline has finished.
/// </summary>
public static class DisplayLoop
{
    private const int Escape = 27;

    public static void Run(Pipeline pipeline, IWindow window, Action stop, Action? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(stop);
        var frames = pipeline.Display ?? throw new InvalidOperationException("the pipeline was built without a display");
        bool stopped = false;
        while (!frames.Completion.IsCompleted)
        {
            while (frames.TryRead(out var frame))
            {
                // Once the user closed the window, showing would open it again; the rest drains unseen.
                if (!window.IsClosed)
                {
                    window.Show(frame);
                }

                pipeline.Release(frame);
            }

            int key = window.PollKey(1);
            if (!stopped && (key is 'q' or 'Q' or Escape || window.IsClosed))
            {
                stopped = true;
                stop();
            }
            else if (key is 's' or 'S')
            {
                snapshot?.Invoke();
            }
        }
    }
}
