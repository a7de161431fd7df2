namespace LiveConv.Video.Sources;

/// <summary>A video device the system lists: <c>camera:Index</c>, its node (/dev/videoN) and the driver's name for it.</summary>
/// <param name="FirstNode">The device's first node, the one that captures; a UVC camera's second node only carries metadata.</param>
public sealed record CameraDevice(int Index, string Node, string Name, bool FirstNode);
