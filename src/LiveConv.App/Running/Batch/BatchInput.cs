namespace LiveConv.App.Running.Batch;

/// <summary>One video of a batch.</summary>
/// <param name="Path">Where it is read from (full path).</param>
/// <param name="Key">
/// Its path relative to the folder, list or glob it came from, with '/' separators: what the manifest records and the
/// shards hash, so an archive moved or mounted elsewhere keeps its shares and its resume state.
/// </param>
/// <param name="Name">Its outputs' name in the output folder: <c>NAME.mkv</c> and <c>NAME/</c>; distinct within the batch.</param>
public sealed record BatchInput(string Path, string Key, string Name);
