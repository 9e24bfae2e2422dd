using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Jute primitives (PROTOCOL.md §1.2) straight off a byte array at an offset: the snapshot
/// reader's node loop, where a sequence reader per field cost more than the rest of recovery.
/// Same rules as <see cref="JuteReader"/>: running short or an impossible length throws
/// <see cref="ProtocolException"/>.
/// </summary>
internal static class SpanJute
{
    public static int ReadInt(ReadOnlySpan<byte> bytes, ref int offset)
    {
        Need(bytes, offset, 4);
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes[offset..]);
        offset += 4;
        return value;
    }

    public static long ReadLong(ReadOnlySpan<byte> bytes, ref int offset)
    {
        Need(bytes, offset, 8);
        var value = BinaryPrimitives.ReadInt64BigEndian(bytes[offset..]);
        offset += 8;
        return value;
    }

    public static byte[]? ReadBuffer(ReadOnlySpan<byte> bytes, ref int offset)
    {
        var length = ReadLength(bytes, ref offset);
        if (length < 0)
            return null;
        var value = bytes.Slice(offset, length).ToArray();
        offset += length;
        return value;
    }

    private static int ReadLength(ReadOnlySpan<byte> bytes, ref int offset)
    {
        var length = ReadInt(bytes, ref offset);
        if (length < -1 || length > bytes.Length - offset)
            throw new ProtocolException($"Unreasonable length = {length}");
        return length;
    }

    private static void Need(ReadOnlySpan<byte> bytes, int offset, int count)
    {
        if (bytes.Length - offset < count)
            ThrowShort();
    }

    [DoesNotReturn]
    private static void ThrowShort() => throw new ProtocolException("record ends before its last field");
}
