using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>Learner to leader REVALIDATE data: <c>long sessionId, int timeout</c> (§11.8).</summary>
public sealed record RevalidateRequest(long SessionId, int TimeoutMs)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), TimeoutMs);
        return bytes;
    }

    public static RevalidateRequest Parse(ReadOnlySpan<byte> data) => data.Length < 12
        ? throw new ProtocolException($"REVALIDATE data of {data.Length} bytes")
        : new(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[8..]));
}
