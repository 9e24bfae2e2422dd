namespace ZkCompat.Quorum;

/// <summary>What a peer is doing; the values are the election wire states (PROTOCOL.md §10.2).</summary>
public enum PeerRole
{
    Looking = 0,
    Following = 1,
    Leading = 2,
    Observing = 3,
}
