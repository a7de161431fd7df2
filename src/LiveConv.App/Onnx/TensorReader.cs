using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveConv.App.Configuration;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace LiveConv.App.Onnx;

/// <summary>
/// The values of a tensor (an initializer, a Constant node's value), checked before anything is allocated: the
/// element type, dims that are not negative and whose product neither overflows nor exceeds
/// <see cref="MaxElements"/>, and a data field that holds exactly that many values. A file cannot make LiveConv
/// allocate more than its dims and its own bytes (or its external file's length) justify.
/// </summary>
internal sealed class TensorReader(string modelFolder)
{
    /// <summary>256 M values (1 GiB of floats): ResNet-152's largest weight has 2.4 M; anything near this is not a first layer.</summary>
    public const long MaxElements = 1L << 28;

    public static string Dims(TensorProto tensor) => $"[{string.Join(", ", tensor.Dims)}]";

    /// <summary>How many values the dims say, or an error saying why they cannot be.</summary>
    public static long Count(TensorProto tensor, Func<string, ConfigException> error)
    {
        long count = 1;
        foreach (long d in tensor.Dims)
        {
            if (d < 0)
            {
                throw error($"its dims {Dims(tensor)} have a negative size");
            }

            if (d != 0 && count > MaxElements / d)
            {
                throw error($"its dims {Dims(tensor)} make more than {MaxElements:N0} values");
            }

            count *= d;
        }

        return count;
    }

    public float[] Floats(TensorProto tensor, Func<string, ConfigException> error) =>
        Values(tensor, DataType.Float, tensor.FloatData, "float_data", error);

    /// <summary>Integer tensors: Pad's pads and axes (opset 11+), always int64 in ONNX.</summary>
    public long[] Int64s(TensorProto tensor, Func<string, ConfigException> error) =>
        Values(tensor, DataType.Int64, tensor.Int64Data, "int64_data", error);

    /// <summary>The values from wherever the tensor keeps them: external data, raw_data (little-endian) or the typed field.</summary>
    private T[] Values<T>(TensorProto tensor, DataType type, IReadOnlyCollection<T> typed, string field, Func<string, ConfigException> error)
        where T : unmanaged
    {
        Expect(tensor, type, error);
        long count = Count(tensor, error);
        T[] values;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            values = new T[count];
            ExternalData.ReadInto(tensor, modelFolder, MemoryMarshal.AsBytes(values.AsSpan()), error);
        }
        else if (tensor.RawData.Length > 0)
        {
            CheckLength(tensor.RawData.Length, count * Unsafe.SizeOf<T>(), "bytes of raw_data", error);
            values = MemoryMarshal.Cast<byte, T>(tensor.RawData.Span).ToArray();
        }
        else
        {
            CheckLength(typed.Count, count, $"values in {field}", error);
            return [.. typed];
        }

        if (!BitConverter.IsLittleEndian)
        {
            ReverseEndianness(MemoryMarshal.AsBytes(values.AsSpan()), Unsafe.SizeOf<T>());
        }

        return values;
    }

    private static void ReverseEndianness(Span<byte> bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }

    private static void Expect(TensorProto tensor, DataType type, Func<string, ConfigException> error)
    {
        var actual = (DataType)tensor.DataType;
        if (actual != type)
        {
            string name = Enum.IsDefined(actual) ? actual.ToString().ToUpperInvariant() : $"type {tensor.DataType}";
            throw error($"it holds {name} values; expected {type.ToString().ToUpperInvariant()}");
        }

        if (tensor.Segment is not null)
        {
            throw error("segmented tensors are not supported");
        }
    }

    private static void CheckLength(long actual, long expected, string unit, Func<string, ConfigException> error)
    {
        if (actual != expected)
        {
            throw error($"it has {actual:N0} {unit}; its dims need {expected:N0}");
        }
    }
}
