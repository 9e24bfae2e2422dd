namespace ZkCompat.Protocol.Quorum;

/// <summary>The <c>type</c> of a <see cref="QuorumPacket"/> (PROTOCOL.md §11.2; Java's <c>Leader</c> constants).</summary>
public enum QuorumPacketType
{
    Request = 1,
    Proposal = 2,
    Ack = 3,
    Commit = 4,
    Ping = 5,
    Revalidate = 6,
    Sync = 7,
    Inform = 8,
    CommitAndActivate = 9,
    NewLeader = 10,
    FollowerInfo = 11,
    UpToDate = 12,
    Diff = 13,
    Trunc = 14,
    Snap = 15,
    ObserverInfo = 16,
    LeaderInfo = 17,
    AckEpoch = 18,
    InformAndActivate = 19,
}
