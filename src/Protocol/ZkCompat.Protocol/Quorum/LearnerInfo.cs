using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The data of FOLLOWERINFO / OBSERVERINFO (PROTOCOL.md §11.2): <c>long serverid, int protocolVersion,
/// long configVersion</c>. Java's LearnerHandler reads whichever of the three are present; a missing
/// protocol version means 0x1 (its field default, i.e. a pre-Zab-1.0 learner) and a missing config
/// version is never compared, which 0 reproduces.
/// </summary>
public sealed record LearnerInfo(long ServerId, int ProtocolVersion, long ConfigVersion)
{
    /// <summary>The Zab 1.0 protocol version every 3.4+ learner and leader sends.</summary>
    public const int Version1_0 = 0x10000;

    /// <summary>What LearnerHandler assumes when the learner sent only its sid.</summary>
    public const int PreVersion1_0 = 0x1;

    public const int Length = 20;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ServerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), ProtocolVersion);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(12), ConfigVersion);
        return bytes;
    }

    /// <summary>Accepts the 8-, 12- and 20-byte forms; anything else is malformed.</summary>
    public static LearnerInfo Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length is not (8 or 12 or Length))
            throw new ProtocolException($"LearnerInfo of {data.Length} bytes; expected 8, 12 or 20");
        var serverId = BinaryPrimitives.ReadInt64BigEndian(data);
        var protocolVersion = data.Length >= 12 ? BinaryPrimitives.ReadInt32BigEndian(data[8..]) : PreVersion1_0;
        var configVersion = data.Length >= Length ? BinaryPrimitives.ReadInt64BigEndian(data[12..]) : 0;
        return new(serverId, protocolVersion, configVersion);
    }
}
