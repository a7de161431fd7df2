using LiveConv.Engine;

namespace LiveConv.App.Configuration;

/// <summary>A loaded config: the network it describes, with the name and description shown to the user.</summary>
/// <param name="Path">The file it came from, as the user named it (error messages and titles use it).</param>
public sealed record LiveConvConfig(string Name, string? Description, Network Network, string Path);
