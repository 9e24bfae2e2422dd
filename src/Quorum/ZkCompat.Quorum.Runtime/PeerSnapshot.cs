namespace ZkCompat.Quorum.Runtime;

/// <summary>The peer's state as of its last loop batch, for readers on other threads (status commands).</summary>
public sealed record PeerSnapshot(PeerRole Role, bool Serving, int Learners, int SyncedFollowers, int SyncedObservers, int Voters, long LeaderSinceMs, long LeaderSid, (long Last, long Min, long Max) ProposalSizes)
{
    public static PeerSnapshot Initial { get; } = new(PeerRole.Looking, false, 0, 0, 0, 0, 0, -1, (-1, -1, -1));
}
