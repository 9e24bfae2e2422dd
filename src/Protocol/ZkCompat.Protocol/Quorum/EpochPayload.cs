using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The 4-byte int data of LEADERINFO (the leader's protocol version, <see cref="LearnerInfo.Version1_0"/>)
/// and of ACKEPOCH (the learner's currentEpoch, or <see cref="EpochUnchanged"/>) (PROTOCOL.md §11.2, §11.3).
/// </summary>
public static class EpochPayload
{
    public const int Length = 4;

    /// <summary>ACKEPOCH's value when the leader's new epoch equals the learner's acceptedEpoch.</summary>
    public const int EpochUnchanged = -1;

    public static byte[] ToBytes(int value)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Exactly 4 bytes; Java's readers would fail on fewer (and no Java sender writes more).</summary>
    public static int Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length)
            throw new ProtocolException($"epoch payload of {data.Length} bytes; 4 expected");
        return BinaryPrimitives.ReadInt32BigEndian(data);
    }

    public static QuorumPacket LeaderInfo(long newEpochZxid) =>
        new(QuorumPacketType.LeaderInfo, newEpochZxid, ToBytes(LearnerInfo.Version1_0));

    public static QuorumPacket AckEpoch(long lastLoggedZxid, int currentEpoch) =>
        new(QuorumPacketType.AckEpoch, lastLoggedZxid, ToBytes(currentEpoch));
}
