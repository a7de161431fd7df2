using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveConv.Engine.Tensors;

namespace LiveConv.Video.Sources;

/// <summary>
/// Reads a NumPy .npy file of little-endian float32 in C order, shape (C, H, W) or (1, C, H, W), as a tensor. The
/// header is checked and the file's length compared with what its shape needs before the data is allocated; any
/// other dtype, order or shape is an <see cref="InvalidDataException"/> that says what the file holds.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Far above any real header (NumPy writes 128 bytes or so); a bound on what a hostile file makes us read.</summary>
    private const int MaxHeaderLength = 1 << 16;

    public static Tensor Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(8);
        if (magic.Length < 8 || !magic.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a .npy file (no \\x93NUMPY magic)");
        }

        int version = magic[6];
        long headerLength = version switch
        {
            1 => reader.ReadUInt16(),
            2 or 3 => reader.ReadUInt32(),
            _ => throw new InvalidDataException($"unknown .npy format version {version}.{magic[7]}"),
        };
        if (headerLength > MaxHeaderLength)
        {
            throw new InvalidDataException($"its header claims {headerLength:N0} bytes");
        }

        byte[] headerBytes = reader.ReadBytes((int)headerLength);
        if (headerBytes.Length < headerLength)
        {
            throw new InvalidDataException("it ends inside its header");
        }

        var shape = ShapeOf(Encoding.Latin1.GetString(headerBytes));
        long needed = (long)shape.Channels * shape.Height * shape.Width * sizeof(float);
        long available = stream.Length - stream.Position;
        if (available != needed)
        {
            throw new InvalidDataException($"its shape {shape} needs {needed:N0} bytes of data, the file has {available:N0}{(available < needed ? " (truncated)" : "")}");
        }

        var data = new float[shape.Length];
        byte[] bytes = reader.ReadBytes((int)needed);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return new Tensor(shape, data);
    }

    private static Shape3 ShapeOf(string header)
    {
        string descr = Field(header, "descr");
        if (descr != "'<f4'")
        {
            throw new InvalidDataException($"it holds {descr.Trim('\'')} values; expected float32 ('<f4')");
        }

        if (Field(header, "fortran_order") != "False")
        {
            throw new InvalidDataException("it is in Fortran order; expected C order");
        }

        string text = Field(header, "shape");
        var dims = text.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1).ToArray();
        if (dims.Length == 4 && dims[0] == 1)
        {
            dims = dims[1..];
        }

        if (dims.Length != 3 || dims.Any(d => d is < 1 or > 65536))
        {
            throw new InvalidDataException($"its shape is {text}; expected (C, H, W) or (1, C, H, W), each from 1 to 65536");
        }

        return new Shape3((int)dims[0], (int)dims[1], (int)dims[2]);
    }

    /// <summary>The value text of one key of the header's Python dict literal.</summary>
    private static string Field(string header, string key)
    {
        var match = Regex.Match(header, $@"'{key}'\s*:\s*('[^']*'|\([^)]*\)|True|False)");
        return match.Success ? match.Groups[1].Value : throw new InvalidDataException($"its header has no '{key}'");
    }
}
