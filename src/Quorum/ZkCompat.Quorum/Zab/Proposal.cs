using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Zab;

/// <summary>A proposed txn the leader is collecting ACKs for; syncs wait on it (§11.4 commit rule).</summary>
internal sealed class Proposal(Zxid zxid, byte[] txn)
{
    public Zxid Zxid { get; } = zxid;

    public byte[] Txn { get; } = txn;

    public HashSet<long> Acks { get; } = [];

    /// <summary>Learner channels whose sync is answered once this proposal commits.</summary>
    public List<long> SyncWaiters { get; } = [];
}
