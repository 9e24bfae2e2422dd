using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>Leader → learner REVALIDATE data (PROTOCOL.md §11.8): <c>long sessionId, boolean valid</c>.</summary>
public sealed record RevalidateReply(long SessionId, bool Valid)
{
    public const int Length = 9;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionId);
        bytes[8] = Valid ? (byte)1 : (byte)0;
        return bytes;
    }

    /// <summary>Any non-zero flag byte is true, like Java's readBoolean.</summary>
    public static RevalidateReply Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length)
            throw new ProtocolException($"REVALIDATE reply of {data.Length} bytes; 9 expected");
        return new(BinaryPrimitives.ReadInt64BigEndian(data), data[8] != 0);
    }
}
