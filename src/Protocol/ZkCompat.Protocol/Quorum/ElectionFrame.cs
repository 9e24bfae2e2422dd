using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>Election messages after the hello: <c>int length</c> + payload (§10.1).</summary>
public static class ElectionFrame
{
    /// <summary>Java's QuorumCnxManager.PACKETMAXSIZE.</summary>
    public const int MaxPayloadBytes = 512 * 1024;

    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out int length))
            return false;
        if (length <= 0 || length > MaxPayloadBytes)
            throw new ProtocolException($"election message length {length}");
        if (reader.Remaining < length)
            return false;
        payload = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, payload.Length);
        payload.CopyTo(bytes.AsSpan(4));
        return bytes;
    }
}
