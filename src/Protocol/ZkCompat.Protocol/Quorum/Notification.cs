using System.Buffers.Binary;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// A FastLeaderElection vote (PROTOCOL.md §10.2). The sender's sid is not in the message; it is
/// known from the connection. <see cref="Config"/> is the raw membership text (empty when absent).
/// </summary>
public sealed record Notification(
    PeerState State,
    long Leader,
    long Zxid,
    long ElectionEpoch,
    long PeerEpoch,
    int Version,
    byte[] Config)
{
    /// <summary>The message version 3.5+ sends; versions above 1 carry a config.</summary>
    public const int CurrentVersion = 2;

    public const int HeaderLength = 44;

    private const int Pre346Length = 28;
    private const int NoVersionLength = 40;

    /// <summary>The version-2 layout: 44 bytes + config, without the election frame's length.</summary>
    public byte[] ToPayload()
    {
        var bytes = new byte[HeaderLength + Config.Length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, (int)State);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], Leader);
        BinaryPrimitives.WriteInt64BigEndian(span[12..], Zxid);
        BinaryPrimitives.WriteInt64BigEndian(span[20..], ElectionEpoch);
        BinaryPrimitives.WriteInt64BigEndian(span[28..], PeerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[36..], Version);
        BinaryPrimitives.WriteInt32BigEndian(span[40..], Config.Length);
        Config.CopyTo(span[HeaderLength..]);
        return bytes;
    }

    /// <summary>
    /// Java's receive rules (FastLeaderElection.Messenger, §10.2): under 28 bytes is dropped; exactly 28
    /// has no peerEpoch (taken from the zxid's epoch) and no version; exactly 40 has no version (0),
    /// whatever its last 4 bytes say; any other length must hold the field being read, or the message
    /// is dropped. A config is read only when version &gt; 1 and must fit; bytes after it are ignored,
    /// as in Java. An unknown state drops the message. Dropping returns false; nothing throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out Notification? notification)
    {
        notification = null;
        if (payload.Length < Pre346Length)
            return false;
        var state = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (state is < (int)PeerState.Looking or > (int)PeerState.Observing)
            return false;
        var leader = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        var zxid = BinaryPrimitives.ReadInt64BigEndian(payload[12..]);
        var electionEpoch = BinaryPrimitives.ReadInt64BigEndian(payload[20..]);
        if (payload.Length == Pre346Length)
        {
            notification = new((PeerState)state, leader, zxid, electionEpoch, zxid >> 32, 0, []);
            return true;
        }

        if (payload.Length < 36)
            return false;
        var peerEpoch = BinaryPrimitives.ReadInt64BigEndian(payload[28..]);
        var version = 0;
        if (payload.Length != NoVersionLength)
        {
            if (payload.Length < NoVersionLength)
                return false;
            version = BinaryPrimitives.ReadInt32BigEndian(payload[36..]);
        }

        byte[] config = [];
        if (version > 1 && !TryReadConfig(payload, out config))
            return false;
        notification = new((PeerState)state, leader, zxid, electionEpoch, peerEpoch, version, config);
        return true;
    }

    private static bool TryReadConfig(ReadOnlySpan<byte> payload, out byte[] config)
    {
        config = [];
        if (payload.Length < HeaderLength)
            return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(payload[40..]);
        if (length < 0 || length > payload.Length - HeaderLength)
            return false;
        config = payload.Slice(HeaderLength, length).ToArray();
        return true;
    }

    public override string ToString() =>
        $"{State} leader={Leader} zxid=0x{Zxid:x} electionEpoch=0x{ElectionEpoch:x} peerEpoch=0x{PeerEpoch:x} v{Version} config={Config.Length}B";
}
