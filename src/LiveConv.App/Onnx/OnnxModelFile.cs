using Google.Protobuf;
using LiveConv.App.Configuration;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// Reads an .onnx file as untrusted input: its size is bounded before it is read, a truncated or corrupt protobuf
/// is a <see cref="ConfigException"/> naming the file, and the operator set of the default domain is known.
/// </summary>
public sealed class OnnxModelFile
{
    /// <summary>Protobuf's own ceiling for one message; a larger file cannot be a model.</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>Graphs nest through attributes (If, Loop); a depth of 100 is protobuf's default and far above real files.</summary>
    private const int RecursionLimit = 100;

    private OnnxModelFile(string path, ModelProto model, long opset)
    {
        Path = path;
        Model = model;
        Opset = opset;
    }

    /// <summary>The file as the user named it (messages repeat it).</summary>
    public string Path { get; }

    public ModelProto Model { get; }

    public GraphProto Graph => Model.Graph;

    /// <summary>The version of the default ("" or "ai.onnx") operator set the model imports.</summary>
    public long Opset { get; }

    /// <summary>The folder external tensor data must stay inside.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    public static OnnxModelFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                throw new ConfigException($"{path}: {stream.Length:N0} bytes is more than an ONNX model can hold ({MaxFileBytes:N0})");
            }

            using var input = CodedInputStream.CreateWithLimits(stream, (int)MaxFileBytes, RecursionLimit);
            model = ModelProto.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            // An IOException too, so caught first.
            throw new ConfigException($"{path}: not a readable ONNX model (truncated or corrupt protobuf: {e.Message})", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException($"{path}: cannot read the file: {e.Message}", e);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new ConfigException($"{path}: not an ONNX model: it has no graph nodes");
        }

        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(-1).Max();
        if (opset < 1)
        {
            // IR version 1-2 files had no opset_import; nothing LiveConv imports was exported that early.
            throw new ConfigException($"{path}: the model imports no version of the standard ONNX operator set");
        }

        return new OnnxModelFile(path, model, opset);
    }
}
