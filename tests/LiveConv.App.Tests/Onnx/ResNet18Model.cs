using System.Reflection;

namespace LiveConv.App.Tests.Onnx;

/// <summary>The path of ResNet18.onnx in the NuGet package the test project downloads (see its .csproj).</summary>
internal static class ResNet18Model
{
    public static string Path { get; } = typeof(ResNet18Model).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ResNet18Model").Value!;
}
