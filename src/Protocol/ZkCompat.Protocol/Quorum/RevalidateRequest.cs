using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>Learner → leader REVALIDATE data (PROTOCOL.md §11.8): <c>long sessionId, int timeoutMs</c>.</summary>
public sealed record RevalidateRequest(long SessionId, int TimeoutMs)
{
    public const int Length = 12;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), TimeoutMs);
        return bytes;
    }

    public static RevalidateRequest Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length)
            throw new ProtocolException($"REVALIDATE request of {data.Length} bytes; 12 expected");
        return new(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[8..]));
    }
}
