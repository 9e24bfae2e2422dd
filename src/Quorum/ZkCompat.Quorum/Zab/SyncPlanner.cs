using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// Chooses DIFF, TRUNC or SNAP for a learner and lists the packets that bring it to the leader's
/// committed state (PROTOCOL.md §11.5). Null means SNAP.
/// </summary>
internal static class SyncPlanner
{
    public static List<QuorumPacket>? Plan(Zxid peer, Zxid lastCommitted, IReadOnlyList<(Zxid Zxid, byte[] Txn)> committedLog)
    {
        if (peer == lastCommitted)
            return [Packet(QuorumPacketType.Diff, peer)];
        var min = committedLog.Count == 0 ? lastCommitted : committedLog[0].Zxid;
        var max = committedLog.Count == 0 ? lastCommitted : committedLog[^1].Zxid;
        var newEpochZxid = peer.Counter == 0;
        if (peer > max && !newEpochZxid)
            return [Packet(QuorumPacketType.Trunc, max)];
        if (committedLog.Count == 0 || peer < min || peer > max)
            return null;
        return Walk(peer, max, newEpochZxid, committedLog);
    }

    private static List<QuorumPacket>? Walk(Zxid peer, Zxid max, bool newEpochZxid, IReadOnlyList<(Zxid Zxid, byte[] Txn)> log)
    {
        var packets = new List<QuorumPacket>();
        var previous = Zxid.Zero;
        var needHead = true;
        foreach (var (zxid, txn) in log)
        {
            if (zxid < peer)
            {
                previous = zxid;
                continue;
            }

            if (needHead)
            {
                needHead = false;
                if (zxid == peer)
                {
                    packets.Add(Packet(QuorumPacketType.Diff, max));
                    continue;
                }

                if (newEpochZxid)
                {
                    packets.Add(Packet(QuorumPacketType.Diff, max));
                }
                else
                {
                    // The peer holds a txn the leader never had: cut back to the last shared one, but
                    // only within one epoch; across epochs the histories cannot be lined up (SNAP).
                    if (zxid.Epoch != peer.Epoch)
                        return null;
                    packets.Add(Packet(QuorumPacketType.Trunc, previous));
                }
            }

            packets.Add(new QuorumPacket(QuorumPacketType.Proposal, zxid.Value, txn));
            packets.Add(Packet(QuorumPacketType.Commit, zxid));
        }

        return packets;
    }

    private static QuorumPacket Packet(QuorumPacketType type, Zxid zxid) => new(type, zxid.Value, null);
}
