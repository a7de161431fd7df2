using Google.Protobuf;

namespace LiveConv.Conformance;

/// <summary>
/// Writes one protobuf message field by field number. ONNX needs only a handful of messages, so spelling their
/// field numbers out beats generating code from onnx.proto. Nested messages are written as length-delimited bytes.
/// </summary>
public sealed class ProtoMessage
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public ProtoMessage()
    {
        _out = new CodedOutputStream(_buffer, leaveOpen: true);
    }

    public ProtoMessage Int64(int field, long value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt64(value);
        return this;
    }

    public ProtoMessage Int32(int field, int value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt32(value);
        return this;
    }

    public ProtoMessage Float(int field, float value)
    {
        _out.WriteTag(field, WireFormat.WireType.Fixed32);
        _out.WriteFloat(value);
        return this;
    }

    public ProtoMessage String(int field, string value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoMessage Message(int field, ProtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(message.ToByteArray()));
        return this;
    }

    /// <summary>A packed repeated int64 (proto3 default for repeated scalars; proto2 parsers accept it too).</summary>
    public ProtoMessage PackedInt64(int field, IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int length = 0;
        foreach (long v in values)
        {
            length += CodedOutputStream.ComputeInt64Size(v);
        }

        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteLength(length);
        foreach (long v in values)
        {
            _out.WriteInt64(v);
        }

        return this;
    }

    /// <summary>A packed repeated float: little-endian fixed32 values.</summary>
    public ProtoMessage PackedFloat(int field, ReadOnlySpan<float> values)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteLength(values.Length * sizeof(float));
        foreach (float v in values)
        {
            _out.WriteFloat(v);
        }

        return this;
    }

    public byte[] ToByteArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }
}
