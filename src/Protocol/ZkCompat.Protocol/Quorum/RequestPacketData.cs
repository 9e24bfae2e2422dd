using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The data of a REQUEST packet (PROTOCOL.md §11.2, §11.6): <c>long sessionId, int cxid, int type</c>
/// followed by the request record exactly as the client sent it after its RequestHeader (everything
/// after the first 16 bytes; empty for closeSession).
/// </summary>
public sealed record RequestPacketData(long SessionId, int Cxid, int Type, byte[] Request)
{
    public const int HeaderLength = 16;

    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + Request.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), Cxid);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), Type);
        Request.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    public static RequestPacketData Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
            throw new ProtocolException($"REQUEST data of {data.Length} bytes; at least 16 expected");
        return new(
            BinaryPrimitives.ReadInt64BigEndian(data),
            BinaryPrimitives.ReadInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadInt32BigEndian(data[12..]),
            data[HeaderLength..].ToArray());
    }
}
