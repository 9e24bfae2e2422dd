using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// What a sync brought before NEWLEADER: the leader's snapshot if it sent SNAP, and the proposals
/// that followed the DIFF, TRUNC or SNAP, of which the first <see cref="Committed"/> were
/// committed. It reaches the disk at NEWLEADER; if the sync breaks before, it is dropped and the
/// learner keeps what is on disk. So a learner never has txns of an epoch on disk without that
/// epoch in currentEpoch (Java refuses to start on such a data directory), nor a snapshot of a
/// history that never committed (ZOOKEEPER-3642).
/// </summary>
internal sealed class HeldSync(Zxid? snapshotZxid, byte[]? snapshot)
{
    public Zxid? SnapshotZxid { get; } = snapshotZxid;

    public byte[]? Snapshot { get; } = snapshot;

    public List<(Zxid Zxid, byte[] Txn)> Txns { get; } = [];

    public int Committed { get; set; }
}
