namespace ZkCompat.Server.Processing;

/// <summary>Standalone without persistence: a txn is committed as soon as it is prepared.</summary>
internal sealed class InMemoryReplicator : IReplicator
{
    public void Append(Txn txn)
    {
    }
}
