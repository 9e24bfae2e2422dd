using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZkCompat.Protocol.Jute;

/// <summary>Writes Jute primitives (PROTOCOL.md §1.2) straight into an <see cref="IBufferWriter{T}"/>.</summary>
public readonly ref struct JuteWriter
{
    private readonly IBufferWriter<byte> _output;

    public JuteWriter(IBufferWriter<byte> output) => _output = output;

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        WriteRaw(value);
    }

    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
            WriteInt(-1);
        else
            WriteBuffer(value.AsSpan());
    }

    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return;
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>
    /// Standard UTF-8. Java writes supplementary characters as two 3-byte surrogates (§1.2), which
    /// non-Java clients cannot decode; we send well-formed UTF-8 instead, on purpose.
    /// </summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(length);
        if (length == 0)
            return;
        var written = Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(written);
    }

    public void WriteVector<T>(IReadOnlyList<T>? items, JuteWrite<T> writeItem)
    {
        if (items is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(items.Count);
        for (var i = 0; i < items.Count; i++)
            writeItem(this, items[i]);
    }

    public void WriteStringVector(IReadOnlyList<string>? items) =>
        WriteVector(items, static (w, s) => w.WriteString(s));
}

/// <summary>Writes one value of a Jute vector.</summary>
public delegate void JuteWrite<in T>(JuteWriter writer, T item);
