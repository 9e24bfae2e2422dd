using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>Leader to learner REVALIDATE data: <c>long sessionId, boolean valid</c> (§11.8).</summary>
public sealed record RevalidateReply(long SessionId, bool Valid)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[9];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        bytes[8] = Valid ? (byte)1 : (byte)0;
        return bytes;
    }

    public static RevalidateReply Parse(ReadOnlySpan<byte> data) => data.Length < 9
        ? throw new ProtocolException($"REVALIDATE reply of {data.Length} bytes")
        : new(BinaryPrimitives.ReadInt64BigEndian(data), data[8] != 0);
}
