using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// A SNAP sync received but not yet made durable: the leader's snapshot and the proposals that
/// followed it, of which the first <see cref="Committed"/> were committed. It is persisted at
/// NEWLEADER; if the sync breaks before, it is dropped and the learner keeps what is on disk.
/// </summary>
internal sealed class HeldSnapshot(Zxid zxid, byte[] stream)
{
    public Zxid Zxid { get; } = zxid;

    public byte[] Stream { get; } = stream;

    public List<(Zxid Zxid, byte[] Txn)> Txns { get; } = [];

    public int Committed { get; set; }
}
