using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ZkCompat.Protocol.Jute;

/// <summary>
/// Reads Jute primitives (PROTOCOL.md §1.2) from one complete frame. Running out of bytes inside a
/// frame is malformed input, so every short read throws <see cref="ProtocolException"/>.
/// </summary>
public ref struct JuteReader
{
    private SequenceReader<byte> _reader;

    public JuteReader(ReadOnlySequence<byte> data) => _reader = new SequenceReader<byte>(data);

    public JuteReader(ReadOnlyMemory<byte> data)
        : this(new ReadOnlySequence<byte>(data))
    {
    }

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public readonly long Consumed => _reader.Consumed;

    public int ReadInt()
    {
        if (!_reader.TryReadBigEndian(out int value))
            ThrowShort();
        return value;
    }

    public long ReadLong()
    {
        if (!_reader.TryReadBigEndian(out long value))
            ThrowShort();
        return value;
    }

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var value))
            ThrowShort();
        return value;
    }

    /// <summary>Java's readBoolean: any non-zero byte is true.</summary>
    public bool ReadBool() => ReadByte() != 0;

    /// <summary>Reads a boolean if one more byte is present (the optional readOnly byte of §2.1).</summary>
    public bool TryReadBool(out bool value)
    {
        value = false;
        if (_reader.End)
            return false;
        value = ReadBool();
        return true;
    }

    public byte[]? ReadBuffer()
    {
        var length = ReadLength();
        if (length < 0)
            return null;
        var bytes = new byte[length];
        if (!_reader.TryCopyTo(bytes))
            ThrowShort();
        _reader.Advance(length);
        return bytes;
    }

    public string? ReadNullableString()
    {
        var length = ReadLength();
        if (length < 0)
            return null;
        string text;
        if (_reader.UnreadSpan.Length >= length)
        {
            text = Encoding.UTF8.GetString(_reader.UnreadSpan[..length]);
        }
        else
        {
            text = Encoding.UTF8.GetString(_reader.UnreadSequence.Slice(0, length));
        }

        _reader.Advance(length);
        return text;
    }

    /// <summary>A ustring the protocol never sends as null (paths, schemes, ids).</summary>
    public string ReadString() => ReadNullableString() ?? throw new ProtocolException("null where a string is required");

    public List<T>? ReadVector<T>(JuteRead<T> readItem)
    {
        var count = ReadInt();
        if (count < 0)
            return null;
        // Each element takes at least one byte, so a count beyond the remaining bytes is a lie.
        if (count > _reader.Remaining)
            throw new ProtocolException($"vector count {count} exceeds the {_reader.Remaining} bytes left");
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
            items.Add(readItem(ref this));
        return items;
    }

    public List<string>? ReadStringVector() => ReadVector(static (ref JuteReader r) => r.ReadString());

    private int ReadLength()
    {
        var length = ReadInt();
        if (length < -1 || length > _reader.Remaining)
            throw new ProtocolException($"Unreasonable length = {length}");
        return length;
    }

    [DoesNotReturn]
    private static void ThrowShort() => throw new ProtocolException("record ends before its last field");
}

/// <summary>Reads one value of a Jute vector.</summary>
public delegate T JuteRead<out T>(ref JuteReader reader);
