using LiveConv.Engine;

namespace LiveConv.App.Live;

/// <summary>Where the <c>f</c> key shows a convolution's filters: a window of their own beside the maps.</summary>
public interface IFiltersView
{
    /// <param name="title">What they are, e.g. "filters of layer 0: 64 x 3x7x7".</param>
    void Show(Network network, int convLayer, string title);

    void Hide();
}
