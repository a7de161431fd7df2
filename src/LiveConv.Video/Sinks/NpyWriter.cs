using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LiveConv.Engine.Tensors;

namespace LiveConv.Video.Sinks;

/// <summary>Writes a tensor as a NumPy .npy file (format 1.0): little-endian float32, C order, shape (C, H, W).</summary>
public static class NpyWriter
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>The header for a shape: magic, version, length, then the dict padded with spaces to a multiple of 64 bytes.</summary>
    public static byte[] Header(Shape3 shape)
    {
        string dict = string.Create(CultureInfo.InvariantCulture,
            $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({shape.Channels}, {shape.Height}, {shape.Width}), }}");
        int unpadded = Magic.Length + 2 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string text = dict + new string(' ', padding) + "\n";
        var header = new byte[Magic.Length + 2 + text.Length];
        Magic.CopyTo(header, 0);
        header[8] = (byte)(text.Length & 0xFF);
        header[9] = (byte)(text.Length >> 8);
        Encoding.ASCII.GetBytes(text, 0, text.Length, header, 10);
        return header;
    }

    /// <summary>
    /// Writes <paramref name="tensor"/> as the file <paramref name="path"/> through <see cref="PartialFile"/>: complete
    /// under that name, or not written at all.
    /// </summary>
    /// <param name="header">The <see cref="Header"/> of the tensor's shape, if the caller keeps one; null makes it.</param>
    public static void Save(string path, Tensor tensor, byte[]? header = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        byte[] bytes = header ?? Header(tensor.Shape);
        PartialFile.Write(path, stream => Write(stream, tensor, bytes));
    }

    public static void Write(Stream stream, Tensor tensor, byte[] header)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(header);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(".npy dumps are written on little-endian machines only");
        }

        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
    }
}
