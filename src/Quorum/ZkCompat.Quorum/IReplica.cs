using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Quorum;

/// <summary>
/// The server as the quorum core sees it: durable epochs, the txn log, the state machine and the
/// client-facing events. Every method runs on the core's thread and returns when done; methods
/// that persist return only once the data is durable.
/// </summary>
public interface IReplica
{
    long AcceptedEpoch { get; }

    long CurrentEpoch { get; }

    void SetAcceptedEpoch(long epoch);

    void SetCurrentEpoch(long epoch);

    /// <summary>
    /// Makes durable the epoch a NEWLEADER is about to make current, before the sync's txns reach
    /// the disk: a crash after the txns and before <see cref="SetCurrentEpoch"/> then restarts with
    /// it (Java 3.8.0 reads currentEpoch.tmp in that case and refuses to start without it).
    /// </summary>
    void StageCurrentEpoch(long epoch);

    /// <summary>The newest logged txn (durable or not).</summary>
    Zxid LastLogged { get; }

    /// <summary>Adds a txn to the log; durable after the next <see cref="Flush"/>.</summary>
    void Append(Zxid zxid, byte[] txn);

    /// <summary>Makes every appended txn durable (fsync). Throws when storage fails.</summary>
    void Flush();

    /// <summary>Drops logged txns after <paramref name="zxid"/> and reloads the state from what is left.</summary>
    void Truncate(Zxid zxid);

    /// <summary>The newest logged txns, oldest first, at most <paramref name="max"/> of them.</summary>
    IReadOnlyList<(Zxid Zxid, byte[] Txn)> LogTail(int max);

    /// <summary>
    /// Leader: the on-disk txn log for a learner behind the in-memory committed log (Java's txnlog
    /// sync, PROTOCOL.md §11.5 rule 4): the logged txns through <paramref name="upTo"/>, oldest first,
    /// starting at the last one before <paramref name="peer"/>. Null when the log does not reach back
    /// to <paramref name="peer"/>, or when the log files to read beyond the first are larger than
    /// <paramref name="snapshotSizeFactor"/> times the newest snapshot (a limit of 0 means none).
    /// </summary>
    IReadOnlyList<(Zxid Zxid, byte[] Txn)>? ReadLog(Zxid peer, Zxid upTo, double snapshotSizeFactor);

    /// <summary>Applies a committed txn to the state machine (in zxid order).</summary>
    void Apply(Zxid zxid, byte[] txn);

    /// <summary>The applied state, in the SNAP stream format, and the zxid it is at.</summary>
    (Zxid Zxid, byte[] Stream) TakeSnapshot();

    /// <summary>Replaces state and log with a snapshot from the leader, durably.</summary>
    void InstallSnapshot(Zxid zxid, byte[] stream);

    /// <summary>Rebuilds the state from everything logged (after leaving a role).</summary>
    void Reload();

    /// <summary>The peer is synced with an established leader: serve clients.</summary>
    void StartServing(PeerRole role, long leaderSid, long epoch);

    /// <summary>Stop serving clients: the peer left its role.</summary>
    void StopServing();

    /// <summary>Sessions touched by clients since the last call (a learner's PING reply).</summary>
    IReadOnlyList<(long SessionId, int TimeoutMs)> TakeTouches();

    /// <summary>Leader: a learner forwarded a client request (§11.6).</summary>
    void LearnerRequest(long channel, RequestPacketData request, IReadOnlyList<Id>? authInfo);

    /// <summary>Leader: sessions a learner saw traffic from.</summary>
    void Touch(long sessionId, int timeoutMs);

    /// <summary>Leader: a client reconnects through a learner; answer with <see cref="QuorumPeer.AnswerRevalidate"/>.</summary>
    void Revalidate(long channel, long sessionId, int timeoutMs);

    /// <summary>Learner: the leader's answer to <see cref="QuorumPeer.Revalidate"/>.</summary>
    void Revalidated(long sessionId, bool valid);

    /// <summary>Learner: the leader's SYNC for the oldest forwarded sync request.</summary>
    void Synced();
}
