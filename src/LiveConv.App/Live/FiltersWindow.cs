using LiveConv.Engine;
using LiveConv.Video.Rendering;
using OpenCvSharp;

namespace LiveConv.App.Live;

/// <summary>
/// The filters in a HighGUI window of their own (<see cref="FilterSheet"/>). Shown and hidden on the main window's
/// thread, which pumps every HighGUI window, so it needs no loop of its own.
/// </summary>
public sealed class FiltersWindow : IFiltersView, IDisposable
{
    public const string Title = "LiveConv - filters";

    private bool _open;

    public void Show(Network network, int convLayer, string title)
    {
        using var sheet = FilterSheet.Render(network, convLayer);
        if (!_open)
        {
            Cv2.NamedWindow(Title, WindowFlags.AutoSize);
            _open = true;
        }

        Cv2.SetWindowTitle(Title, $"{Title}: {title}");
        Cv2.ImShow(Title, sheet);
    }

    public void Hide()
    {
        if (_open)
        {
            Cv2.DestroyWindow(Title);
            _open = false;
        }
    }

    public void Dispose() => Hide();
}
