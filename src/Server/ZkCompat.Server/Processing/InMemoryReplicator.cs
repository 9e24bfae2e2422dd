using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Processing;

/// <summary>No persistence (engine tests): a txn is committed as soon as it is applied.</summary>
internal sealed class InMemoryReplicator : IReplicator
{
    public void Append(Txn txn, long? treeDigest)
    {
    }

    public bool Flush() => false;

    public void Snapshot(SnapshotImage image)
    {
    }
}
