namespace ZkCompat.Server.Processing;

/// <summary>
/// Between Prep and Final: makes a txn durable (standalone) or agreed (quorum) before it is applied.
/// Standalone and quorum modes differ only here.
/// </summary>
internal interface IReplicator
{
    void Append(Txn txn);
}
