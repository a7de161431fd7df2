using System.Reflection;

namespace LiveConv.App.Tests.Onnx;

/// <summary>The paths of ResNet18.onnx and its preprocessing model in the NuGet package the test project downloads (see its .csproj).</summary>
internal static class ResNet18Model
{
    public static string Path { get; } = Metadata("ResNet18Model");

    /// <summary>RGB to BGR, less a 224x224 mean image on a 0-255 scale.</summary>
    public static string PreprocessPath { get; } = Metadata("ResNetPreprocessModel");

    private static string Metadata(string key) =>
        typeof(ResNet18Model).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
