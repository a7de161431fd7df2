using LiveConv.Pipeline.Display;

namespace LiveConv.App.Live;

/// <summary>
/// Which key does what, as the help overlay lists it. Keys arrive as <see cref="IWindow.PollKey"/> reports them:
/// characters as their code, arrows as <see cref="WindowKeys"/>.
/// </summary>
public static class KeyBindings
{
    private const int Escape = 27;
    private const int Tab = 9;

    /// <summary>
    /// The help overlay's lines: one per binding. The digits pick from a folder, so their line is the folder's list
    /// (<see cref="LiveOptions.ConfigKeys"/>).
    /// </summary>
    public static IReadOnlyList<string> Help { get; } =
    [
        "h help   q/Esc quit   space pause   Tab next layer",
        "+/- stride   p padding same/valid   m max/avg pooling",
        "r activation   c colormap   n normalization",
        "z zoom one map (arrows pick it)   o overlay map on input",
        "x the map's stages: z, after activation, after pooling   f the filters, in a window of their own",
        "s snapshot (PNG + .npy)   v start/stop recording",
        "click a map: look inside that neuron (click elsewhere lets go)",
    ];

    public static KeyCommand Map(int key) => key switch
    {
        'q' or 'Q' or Escape => new(LiveAction.Quit),
        'h' or 'H' or '?' => new(LiveAction.Help),
        ' ' => new(LiveAction.Pause),
        >= '0' and <= '9' => new(LiveAction.PickConfig, key - '0'),
        Tab => new(LiveAction.NextLayer),
        '+' or '=' => new(LiveAction.StrideUp),
        '-' or '_' => new(LiveAction.StrideDown),
        'p' or 'P' => new(LiveAction.TogglePadding),
        'm' or 'M' => new(LiveAction.TogglePooling),
        'r' or 'R' => new(LiveAction.NextActivation),
        'c' or 'C' => new(LiveAction.NextColormap),
        'n' or 'N' => new(LiveAction.NextNormalization),
        'z' or 'Z' => new(LiveAction.Zoom),
        WindowKeys.Left or WindowKeys.Up => new(LiveAction.PreviousMap),
        WindowKeys.Right or WindowKeys.Down => new(LiveAction.NextMap),
        'o' or 'O' => new(LiveAction.Overlay),
        'x' or 'X' => new(LiveAction.Stages),
        'f' or 'F' => new(LiveAction.Filters),
        's' or 'S' => new(LiveAction.Snapshot),
        'v' or 'V' => new(LiveAction.Record),
        _ => new(LiveAction.None),
    };
}
