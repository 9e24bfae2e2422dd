using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Election;

/// <summary>A proposed leader: its sid, last zxid and epoch, in the election round it was cast in.</summary>
public readonly record struct Vote(long Leader, Zxid Zxid, long ElectionEpoch, long PeerEpoch)
{
    /// <summary>The vote of a non-voter: all MIN_VALUE (§10.3).</summary>
    public static Vote None(long electionEpoch) => new(long.MinValue, new Zxid(long.MinValue), electionEpoch, long.MinValue);

    /// <summary>Java's order: higher peer epoch, then higher zxid, then higher sid (§10.3).</summary>
    public static bool Beats(long leader, Zxid zxid, long peerEpoch, long otherLeader, Zxid otherZxid, long otherPeerEpoch) =>
        peerEpoch > otherPeerEpoch
        || (peerEpoch == otherPeerEpoch && (zxid > otherZxid || (zxid == otherZxid && leader > otherLeader)));

    public bool Beats(Vote other) => Beats(Leader, Zxid, PeerEpoch, other.Leader, other.Zxid, other.PeerEpoch);

    /// <summary>Two votes agree when they name the same leader, history and round.</summary>
    public bool SameAs(Vote other) =>
        Leader == other.Leader && Zxid == other.Zxid && ElectionEpoch == other.ElectionEpoch && PeerEpoch == other.PeerEpoch;
}
