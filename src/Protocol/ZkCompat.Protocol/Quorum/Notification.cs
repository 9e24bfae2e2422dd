using System.Buffers.Binary;

namespace ZkCompat.Protocol.Quorum;

/// <summary>An election notification (PROTOCOL.md §10.2), version 2 when we send it.</summary>
public sealed record Notification(PeerState State, long Leader, long Zxid, long ElectionEpoch, long PeerEpoch, int Version, byte[] Config)
{
    public byte[] ToPayload()
    {
        var bytes = new byte[44 + Config.Length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, (int)State);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], Leader);
        BinaryPrimitives.WriteInt64BigEndian(span[12..], Zxid);
        BinaryPrimitives.WriteInt64BigEndian(span[20..], ElectionEpoch);
        BinaryPrimitives.WriteInt64BigEndian(span[28..], PeerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[36..], Version);
        BinaryPrimitives.WriteInt32BigEndian(span[40..], Config.Length);
        Config.CopyTo(span[44..]);
        return bytes;
    }

    /// <summary>Java's backward-compatible reading (§10.2): false for what Java drops.</summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out Notification? notification)
    {
        notification = null;
        if (p.Length < 28)
            return false;
        var state = BinaryPrimitives.ReadInt32BigEndian(p);
        if (state is < 0 or > 3)
            return false;
        var leader = BinaryPrimitives.ReadInt64BigEndian(p[4..]);
        var zxid = BinaryPrimitives.ReadInt64BigEndian(p[12..]);
        var electionEpoch = BinaryPrimitives.ReadInt64BigEndian(p[20..]);
        // 28 bytes: no peer epoch, it is the zxid's epoch.
        var peerEpoch = p.Length >= 36 ? BinaryPrimitives.ReadInt64BigEndian(p[28..]) : zxid >> 32;
        var version = p.Length >= 40 ? BinaryPrimitives.ReadInt32BigEndian(p[36..]) : 0;
        byte[] config = [];
        if (p.Length >= 44 && version > 1)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(p[40..]);
            if (length < 0 || length > p.Length - 44)
                return false;
            config = p.Slice(44, length).ToArray();
        }

        notification = new Notification((PeerState)state, leader, zxid, electionEpoch, peerEpoch, version, config);
        return true;
    }
}
