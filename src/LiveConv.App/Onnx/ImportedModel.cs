using LiveConv.App.Configuration;

namespace LiveConv.App.Onnx;

/// <summary>What an import made: the config (its path is the model's), how far it went and what it changed on the way.</summary>
/// <param name="Extent">One line: which nodes imported, through which, and why it stopped there when it was not asked to.</param>
/// <param name="Notes">What the import did that the config does not show: folded batch normalizations, resolved auto_pad, the input's normalization.</param>
public sealed record ImportedModel(LiveConvConfig Config, string Extent, IReadOnlyList<string> Notes);
