using System.Buffers.Binary;
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

    public float[] Floats(TensorProto tensor, Func<string, ConfigException> error)
    {
        Expect(tensor, DataType.Float, error);
        long count = Count(tensor, error);
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            var values = new float[count];
            ExternalData.ReadInto(tensor, modelFolder, MemoryMarshal.AsBytes(values.AsSpan()), error);
            if (!BitConverter.IsLittleEndian)
            {
                var ints = MemoryMarshal.Cast<float, int>(values.AsSpan());
                BinaryPrimitives.ReverseEndianness(ints, ints);
            }

            return values;
        }

        if (tensor.RawData.Length > 0)
        {
            CheckLength(tensor.RawData.Length, count * sizeof(float), "bytes of raw_data", error);
            var bytes = tensor.RawData.Span;
            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }

            return values;
        }

        CheckLength(tensor.FloatData.Count, count, "values in float_data", error);
        return tensor.FloatData.ToArray();
    }

    /// <summary>Integer tensors: Pad's pads (opset 11+), always int64 in ONNX.</summary>
    public static long[] Int64s(TensorProto tensor, Func<string, ConfigException> error)
    {
        Expect(tensor, DataType.Int64, error);
        long count = Count(tensor, error);
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw error("integer tensors stored as external data are not supported");
        }

        if (tensor.RawData.Length > 0)
        {
            CheckLength(tensor.RawData.Length, count * sizeof(long), "bytes of raw_data", error);
            var bytes = tensor.RawData.Span;
            var values = new long[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * sizeof(long))..]);
            }

            return values;
        }

        CheckLength(tensor.Int64Data.Count, count, "values in int64_data", error);
        return tensor.Int64Data.ToArray();
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
