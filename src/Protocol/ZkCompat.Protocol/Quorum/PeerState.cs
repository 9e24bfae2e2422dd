namespace ZkCompat.Protocol.Quorum;

/// <summary>The state field of an election notification (§10.2).</summary>
public enum PeerState
{
    Looking = 0,
    Following = 1,
    Leading = 2,
    Observing = 3,
}
