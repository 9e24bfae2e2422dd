using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>A forwarded client request (REQUEST data, §11.2): session, cxid, op, then the request record's bytes.</summary>
public sealed record RequestPacketData(long SessionId, int Cxid, int Type, byte[] Request)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[16 + Request.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), Cxid);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), Type);
        Request.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    public static RequestPacketData Parse(ReadOnlySpan<byte> data) => data.Length < 16
        ? throw new ProtocolException($"REQUEST data of {data.Length} bytes")
        : new(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[8..]), BinaryPrimitives.ReadInt32BigEndian(data[12..]), data[16..].ToArray());
}
