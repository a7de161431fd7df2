using LiveConv.App.Configuration;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// A tensor's bytes kept in a file beside the model (data_location EXTERNAL). The location is a path relative to
/// the model's folder and must stay inside it, symbolic links resolved: no absolute path, no "..", no link that
/// leads out (ONNX's own loader let all three through: CVE-2022-25882, CVE-2024-27318). The bytes are read
/// straight into a buffer whose size the tensor's dims fixed and the file's length confirmed.
/// </summary>
internal static class ExternalData
{
    public static void ReadInto(TensorProto tensor, string modelFolder, Span<byte> destination, Func<string, ConfigException> error)
    {
        string? location = null;
        long offset = 0, length = -1;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location":
                    location = entry.Value;
                    break;
                case "offset":
                    offset = ParseCount(entry.Value, "offset", error);
                    break;
                case "length":
                    length = ParseCount(entry.Value, "length", error);
                    break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw error("its data is external but names no location");
        }

        if (length >= 0 && length != destination.Length)
        {
            throw error($"its external data is {length:N0} bytes but its dims need {destination.Length:N0}");
        }

        string path = Resolve(location, modelFolder, error);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            if (offset > stream.Length || stream.Length - offset < destination.Length)
            {
                throw error($"its external data '{location}' holds {stream.Length:N0} bytes, too few for {destination.Length:N0} from offset {offset:N0}");
            }

            stream.Position = offset;
            stream.ReadExactly(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw error($"cannot read its external data '{location}': {e.Message}");
        }
    }

    /// <summary>The real path of <paramref name="location"/>, which must lie inside the model's real folder.</summary>
    private static string Resolve(string location, string modelFolder, Func<string, ConfigException> error)
    {
        if (Path.IsPathRooted(location) || location.Contains('\0', StringComparison.Ordinal))
        {
            throw error($"its external data location '{location}' must be a path relative to the model's folder");
        }

        if (location.Split('/', '\\').Any(part => part == ".."))
        {
            throw error($"its external data location '{location}' must not leave the model's folder ('..')");
        }

        string folder = RealPath(modelFolder);
        string path = RealPath(Path.Combine(folder, location));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw error($"its external data location '{location}' leads out of the model's folder (to {path})");
        }

        if (!File.Exists(path))
        {
            throw error($"its external data file '{location}' does not exist in {folder}");
        }

        return path;
    }

    /// <summary>The path with every symbolic link along it followed, component by component.</summary>
    private static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                current = target is null ? current : RealPath(target.FullName);
            }
        }

        return current;
    }

    private static long ParseCount(string text, string key, Func<string, ConfigException> error) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value)
            ? value
            : throw error($"its external data {key} \"{text}\" is not a whole number of bytes");
}
