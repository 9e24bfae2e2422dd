using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>The data of FOLLOWERINFO/OBSERVERINFO: <c>long sid, int protocolVersion, long configVersion</c> (§11.2).</summary>
public sealed record LearnerInfo(long ServerId, int ProtocolVersion, long ConfigVersion)
{
    public const int Version1_0 = 0x10000;

    public byte[] ToBytes()
    {
        var bytes = new byte[20];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ServerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), ProtocolVersion);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(12), ConfigVersion);
        return bytes;
    }

    /// <summary>Accepts 8, 12 or 20 bytes, as the leader does; older learners send less.</summary>
    public static LearnerInfo Parse(ReadOnlySpan<byte> data) => data.Length switch
    {
        >= 20 => new(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[8..]), BinaryPrimitives.ReadInt64BigEndian(data[12..])),
        >= 12 => new(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[8..]), 0),
        >= 8 => new(BinaryPrimitives.ReadInt64BigEndian(data), 0, 0),
        _ => throw new ProtocolException($"learner info of {data.Length} bytes"),
    };
}
