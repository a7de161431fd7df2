namespace LiveConv.App.Live;

/// <summary>What a key asks the live view to do.</summary>
public enum LiveAction
{
    None,
    Quit,
    Help,
    Pause,
    PickConfig,
    NextLayer,
    StrideUp,
    StrideDown,
    TogglePadding,
    TogglePooling,
    NextActivation,
    NextColormap,
    NextNormalization,
    Zoom,
    PreviousMap,
    NextMap,
    Overlay,
    Stages,
    Filters,
    Snapshot,
    Record,
}
