using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// Chooses DIFF, TRUNC or SNAP for a learner and lists the packets that bring it to the leader's
/// committed state (PROTOCOL.md §11.5). Null means SNAP.
/// </summary>
internal static class SyncPlanner
{
    /// <summary>
    /// The on-disk log from the last txn before <c>peer</c> through <c>upTo</c>, or null when it
    /// cannot serve (see <see cref="IReplica.ReadLog"/>).
    /// </summary>
    public delegate IReadOnlyList<(Zxid Zxid, byte[] Txn)>? LogReader(Zxid peer, Zxid upTo);

    /// <param name="readLog">Java's txnlog sync for a learner below the committed log; null when it is off.</param>
    public static List<QuorumPacket>? Plan(Zxid peer, Zxid lastCommitted, IReadOnlyList<(Zxid Zxid, byte[] Txn)> committedLog, LogReader? readLog = null)
    {
        if (peer == lastCommitted)
            return [Packet(QuorumPacketType.Diff, peer)];
        var min = committedLog.Count == 0 ? lastCommitted : committedLog[0].Zxid;
        var max = committedLog.Count == 0 ? lastCommitted : committedLog[^1].Zxid;
        if (peer > max && peer.Counter != 0)
            return [Packet(QuorumPacketType.Trunc, max)];
        var walk = new Walk(peer, max);
        if (committedLog.Count > 0 && peer >= min && peer <= max)
            return walk.Queue(committedLog, max) ? walk.Packets : null;
        if (peer >= min || readLog?.Invoke(peer, min) is not { Count: > 0 } onDisk)
            return null;
        // Rule 4: the txn log up to min, then the committed log. A log that ends before min leaves
        // a gap no DIFF can cross.
        if (!walk.Queue(onDisk, min) || walk.Queued < min)
            return null;
        return walk.Queue(committedLog, max) ? walk.Packets : null;
    }

    private static QuorumPacket Packet(QuorumPacketType type, Zxid zxid) => new(type, zxid.Value, null);

    /// <summary>
    /// Queues the txns after the peer's, from one source then the next (Java's
    /// queueCommittedProposals): the first txn at or after the peer's decides the head packet.
    /// </summary>
    private sealed class Walk(Zxid peer, Zxid max)
    {
        private readonly Zxid _peer = peer;
        private bool _needHead = true;
        private Zxid _previous = Zxid.Zero;

        public List<QuorumPacket> Packets { get; } = [];

        /// <summary>The last txn queued, or the peer's zxid while none is.</summary>
        public Zxid Queued { get; private set; } = peer;

        /// <summary>False when the peer's history cannot be lined up with ours (SNAP).</summary>
        public bool Queue(IEnumerable<(Zxid Zxid, byte[] Txn)> log, Zxid upTo)
        {
            foreach (var (zxid, txn) in log)
            {
                if (zxid > upTo)
                    break;
                if (zxid < Queued)
                {
                    _previous = zxid;
                    continue;
                }

                if (_needHead && !QueueHead(zxid))
                    return false;
                if (zxid <= Queued)
                    continue;
                Packets.Add(new QuorumPacket(QuorumPacketType.Proposal, zxid.Value, txn));
                Packets.Add(Packet(QuorumPacketType.Commit, zxid));
                Queued = zxid;
            }

            return true;
        }

        private bool QueueHead(Zxid zxid)
        {
            _needHead = false;
            if (zxid == _peer || _peer.Counter == 0)
            {
                Packets.Add(Packet(QuorumPacketType.Diff, max));
                return true;
            }

            // The peer holds a txn the leader never had: cut back to the last shared one, but only
            // within one epoch; across epochs the histories cannot be lined up (SNAP).
            if (zxid.Epoch != _peer.Epoch)
                return false;
            Packets.Add(Packet(QuorumPacketType.Trunc, _previous));
            return true;
        }
    }
}
