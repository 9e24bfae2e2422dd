using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Processing;

/// <summary>
/// Between Prep and Final: makes txns durable (standalone) or agreed (quorum) before anything that
/// depends on them is acknowledged. Standalone and quorum modes differ only here.
/// </summary>
internal interface IReplicator
{
    /// <summary>Queues an applied txn; <paramref name="treeDigest"/> is the tree digest after it, null with digest.enabled=false.</summary>
    void Append(Txn txn, long? treeDigest);

    /// <summary>Makes every queued txn durable; true when a snapshot is due. Throws <see cref="StorageException"/>.</summary>
    bool Flush();

    /// <summary>Writes a snapshot of the state the loop captured, off the loop.</summary>
    void Snapshot(SnapshotImage image);
}
