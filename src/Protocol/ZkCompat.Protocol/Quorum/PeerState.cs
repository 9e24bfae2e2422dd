namespace ZkCompat.Protocol.Quorum;

/// <summary>The sender's state in an election <see cref="Notification"/> (PROTOCOL.md §10.2).</summary>
public enum PeerState
{
    Looking = 0,
    Following = 1,
    Leading = 2,
    Observing = 3,
}
