using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Framing;

/// <summary>Splits a byte stream into 4-byte-length-prefixed frames (PROTOCOL.md §1.1).</summary>
public static class FrameReader
{
    /// <summary>Java's default <c>jute.maxbuffer</c>: 0xfffff bytes.</summary>
    public const int DefaultMaxFrameBytes = 0xfffff;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false when more bytes
    /// are needed. The declared length is checked before the body is awaited (§1.3): a negative length
    /// or one above <paramref name="maxFrameBytes"/> throws <see cref="ProtocolException"/>.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (!TryPeekLength(buffer, out var length))
            return false;
        if (length < 0 || length > maxFrameBytes)
            throw new ProtocolException($"Len error {length}");
        if (buffer.Length - 4 < length)
            return false;
        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>Reads the first four bytes as a big-endian int without consuming them.</summary>
    public static bool TryPeekLength(in ReadOnlySequence<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.Length < 4)
            return false;
        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(head);
        length = BinaryPrimitives.ReadInt32BigEndian(head);
        return true;
    }
}
