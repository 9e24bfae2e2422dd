using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>What the data directory held: the tree, the live sessions and the last zxid.</summary>
internal sealed record RecoveredState(DataTree Tree, Dictionary<long, int> Sessions, Zxid LastZxid)
{
    /// <summary>Whether a snapshot was loaded (else the tree is empty or built from logs alone).</summary>
    public bool FromSnapshot { get; init; }

    /// <summary>How long the snapshot took to load (ms), for startup_snap_load_time.</summary>
    public long SnapshotLoadMs { get; init; }

    /// <summary>Txns replayed from the logs and how long that took, when Java would replay (a snapshot or logs were there); null otherwise.</summary>
    public (long Count, long ElapsedMs)? TxnsLoaded { get; init; }

    /// <summary>The length of the log files the replayed txns came from (toward the next snapshot's size limit).</summary>
    public long ReplayedLogBytes { get; init; }
}
