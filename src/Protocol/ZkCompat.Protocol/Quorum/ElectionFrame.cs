using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The election port's message framing after the hello (PROTOCOL.md §10.1): <c>int length</c> +
/// payload. Java's RecvWorker (QuorumCnxManager) drops the connection on a length &lt;= 0 or above
/// PACKETMAXSIZE (512 KiB).
/// </summary>
public static class ElectionFrame
{
    public const int MaxPayloadBytes = 512 * 1024;

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/>; false (buffer untouched) when more
    /// bytes are needed. The payload is a slice of the buffer, not a copy.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!FrameReader.TryPeekLength(buffer, out var length))
            return false;
        if (length <= 0 || length > MaxPayloadBytes)
            throw new ProtocolException($"Received packet with invalid packet: {length}");
        if (buffer.Length - 4 < length)
            return false;
        payload = buffer.Slice(4, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        if (payload.Length is 0 or > MaxPayloadBytes)
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "Java peers accept 1..524288 bytes");
        var bytes = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, payload.Length);
        payload.CopyTo(bytes.AsSpan(4));
        return bytes;
    }
}
