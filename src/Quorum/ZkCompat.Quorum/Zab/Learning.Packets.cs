using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Zab;

/// <summary>The learner's side of the conversation, packet by packet (§11.4).</summary>
internal sealed partial class Learning
{
    public void OnPacket(long channel, QuorumPacket packet, long nowMs)
    {
        if (channel != _channel || Abandoned is not null)
            return;
        _lastHeardMs = nowMs;
        if (packet.Type is QuorumPacketType.Diff or QuorumPacketType.Trunc or QuorumPacketType.Snap)
            Trace?.Invoke($"Synchronizing with leader {LeaderSid} by {packet.Type.ToString().ToUpperInvariant()} to {new Zxid(packet.Zxid)}");
        switch (packet.Type)
        {
            case QuorumPacketType.LeaderInfo:
                OnLeaderInfo(new Zxid(packet.Zxid).Epoch);
                break;
            case QuorumPacketType.Diff:
                _held = new HeldSync(null, null);
                break;
            case QuorumPacketType.Trunc:
                _replica.Truncate(new Zxid(packet.Zxid));
                LastLogged = _replica.LastLogged;
                _pending.Clear();
                _held = new HeldSync(null, null);
                break;
            case QuorumPacketType.Snap:
                // Held until NEWLEADER: the leader is not established yet, and a snapshot on disk
                // of a history that never commits could not be truncated later (as Java, §11.5).
                _held = new HeldSync(new Zxid(packet.Zxid), packet.Data ?? []);
                LastLogged = new Zxid(packet.Zxid);
                _pending.Clear();
                break;
            case QuorumPacketType.Proposal:
                Log(new Zxid(packet.Zxid), packet.Data ?? []);
                break;
            case QuorumPacketType.Commit:
                Commit(new Zxid(packet.Zxid));
                break;
            case QuorumPacketType.Inform:
                Log(new Zxid(packet.Zxid), packet.Data ?? []);
                Commit(new Zxid(packet.Zxid));
                break;
            case QuorumPacketType.NewLeader:
                OnNewLeader(new Zxid(packet.Zxid));
                break;
            case QuorumPacketType.UpToDate:
                OnUpToDate();
                break;
            case QuorumPacketType.Ping:
                Send(new QuorumPacket(QuorumPacketType.Ping, packet.Zxid, new PingData(_replica.TakeTouches()).ToBytes()));
                break;
            case QuorumPacketType.Revalidate:
                var reply = RevalidateReply.Parse(packet.Data ?? []);
                _replica.Revalidated(reply.SessionId, reply.Valid);
                break;
            case QuorumPacketType.Sync:
                _replica.Synced();
                break;
            default:
                Abandoned = $"unexpected {packet.Type} from the leader";
                break;
        }
    }

    private void OnLeaderInfo(long newEpoch)
    {
        var accepted = _replica.AcceptedEpoch;
        if (newEpoch < accepted)
        {
            Abandoned = $"leader's epoch {newEpoch} is below our accepted epoch {accepted}";
            return;
        }

        var currentEpoch = (int)_replica.CurrentEpoch;
        if (newEpoch > accepted)
            _replica.SetAcceptedEpoch(newEpoch);
        _newEpoch = newEpoch;
        // -1 says we had accepted this epoch already (§11.3).
        var payload = EpochPayload.ToBytes(newEpoch > accepted ? currentEpoch : -1);
        Send(new QuorumPacket(QuorumPacketType.AckEpoch, LastLogged.Value, payload));
    }

    private void Log(Zxid zxid, byte[] txn)
    {
        if (zxid <= LastLogged)
            return;
        var follows = zxid.Value == LastLogged.Value + 1 || (zxid.Epoch > LastLogged.Epoch && zxid.Counter == 1);
        if (!follows)
        {
            Abandoned = $"proposal {zxid} does not follow {LastLogged}";
            return;
        }

        if (_held is { } held)
            held.Txns.Add((zxid, txn));
        else
            _replica.Append(zxid, txn);
        LastLogged = zxid;
        _pending.Enqueue((zxid, txn));
        _unacked.Add(zxid);
    }

    private void Commit(Zxid zxid)
    {
        if (Abandoned is not null)
            return;
        while (_pending.TryPeek(out var head) && head.Zxid < zxid)
        {
            // Java commits only the head; an earlier pending txn means a COMMIT was skipped.
            Abandoned = $"commit {zxid} skips pending {head.Zxid}";
            return;
        }

        if (!_pending.TryPeek(out var next) || next.Zxid != zxid)
        {
            if (zxid > LastLogged)
                Abandoned = $"commit {zxid} for a txn we do not hold";
            return;
        }

        _pending.Dequeue();
        if (_held is { } held)
            held.Committed++;
        else
            _replica.Apply(next.Zxid, next.Txn);
    }

    private void OnNewLeader(Zxid zxid)
    {
        if (_newEpoch < 0 || zxid.Epoch != _newEpoch)
        {
            Abandoned = $"NEWLEADER {zxid} for an epoch we did not accept";
            return;
        }

        // Txns first, then currentEpoch, then the ACK (ZOOKEEPER-3642, 4643, 4646). The staged
        // epoch lets a crash between the two restart, here and in Java.
        _replica.StageCurrentEpoch(_newEpoch);
        if (_held is { } held)
        {
            _held = null;
            if (held.SnapshotZxid is { } snapshotZxid)
                _replica.InstallSnapshot(snapshotZxid, held.Snapshot!);
            foreach (var (txnZxid, txn) in held.Txns)
                _replica.Append(txnZxid, txn);
            foreach (var (txnZxid, txn) in held.Txns.Take(held.Committed))
                _replica.Apply(txnZxid, txn);
        }

        Persist();
        _replica.SetCurrentEpoch(_newEpoch);
        _newLeaderSeen = true;
        Send(new QuorumPacket(QuorumPacketType.Ack, zxid.Value, null));
        Sync();
    }

    private void OnUpToDate()
    {
        if (!_newLeaderSeen)
        {
            Abandoned = "UPTODATE before NEWLEADER";
            return;
        }

        UpToDate = true;
        Send(new QuorumPacket(QuorumPacketType.Ack, Zxid.Of((int)_newEpoch, 0).Value, null));
        _replica.StartServing(IsObserver ? PeerRole.Observing : PeerRole.Following, LeaderSid, _newEpoch);
    }
}
