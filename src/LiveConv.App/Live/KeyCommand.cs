namespace LiveConv.App.Live;

/// <summary>A key's action and, for <see cref="LiveAction.PickConfig"/>, the digit (1-9, 0 for the tenth).</summary>
public readonly record struct KeyCommand(LiveAction Action, int Digit = 0);
