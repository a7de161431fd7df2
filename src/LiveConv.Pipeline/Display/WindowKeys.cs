namespace LiveConv.Pipeline.Display;

/// <summary>
/// Key codes an <see cref="IWindow"/> reports besides characters: the X11 keysyms of the arrows, so they cannot
/// be mistaken for letters (their low byte is the code of Q, R, S, T). Windows on other systems translate to these.
/// </summary>
public static class WindowKeys
{
    public const int Left = 0xFF51;
    public const int Up = 0xFF52;
    public const int Right = 0xFF53;
    public const int Down = 0xFF54;
}
