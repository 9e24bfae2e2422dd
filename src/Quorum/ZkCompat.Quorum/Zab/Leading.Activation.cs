using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Zab;

/// <summary>Discovery and synchronization: the steps before the leader is established (§11.3–§11.5).</summary>
internal sealed partial class Leading
{
    private void OnInfo(LearnerLink link, QuorumPacket packet)
    {
        var info = LearnerInfo.Parse(packet.Data ?? []);
        if (info.ProtocolVersion < LearnerInfo.Version1_0)
        {
            Drop(link, "pre-1.0 learners are not supported");
            return;
        }

        var member = _config.Members.FirstOrDefault(m => m.Sid == info.ServerId);
        link.Sid = info.ServerId;
        link.IsObserver = packet.Type == QuorumPacketType.ObserverInfo;
        link.IsVoter = !link.IsObserver && member is { IsObserver: false };
        link.AcceptedEpoch = new Zxid(packet.Zxid).Epoch;
        link.Phase = LearnerPhase.Info;
        foreach (var other in _links.Values.Where(l => l != link && l.Sid == link.Sid).ToList())
            Drop(other, "replaced by a new connection of the same server");
        if (NewEpoch >= 0 && link.AcceptedEpoch > NewEpoch)
        {
            // It promised a newer epoch to a leader that never established and cannot follow us
            // (§11.3); Java leaves it out for as long as we lead. Step down with its promise as
            // ours, so that the next leader's epoch is above it.
            _replica.SetAcceptedEpoch(link.AcceptedEpoch);
            Abandoned = $"server {link.Sid} accepted epoch {link.AcceptedEpoch}, above ours {NewEpoch}";
            return;
        }

        // Every learner's accepted epoch raises the new one (as Java); only participants make the quorum.
        if (NewEpoch < 0)
            _epochs[link.Sid] = link.AcceptedEpoch;
        TryDecideEpoch();
        // Deciding the epoch already sent LEADERINFO to every link waiting in Info, this one too.
        if (NewEpoch >= 0 && link.Phase == LearnerPhase.Info)
            SendLeaderInfo(link);
    }

    private void TryDecideEpoch()
    {
        if (NewEpoch >= 0 || !_config.IsQuorum(_epochs.Keys))
            return;
        // newEpoch = max(acceptedEpoch of the leader and the connecting participants) + 1 (§11.3).
        NewEpoch = _epochs.Values.Max() + 1;
        _replica.SetAcceptedEpoch(NewEpoch);
        foreach (var link in _links.Values.Where(l => l.Phase == LearnerPhase.Info))
            SendLeaderInfo(link);
        TryAckEpochQuorum();
    }

    private void SendLeaderInfo(LearnerLink link)
    {
        link.Phase = LearnerPhase.EpochSent;
        _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.LeaderInfo, Zxid.Of((int)NewEpoch, 0).Value, EpochPayload.ToBytes(LearnerInfo.Version1_0)));
    }

    private void OnAckEpoch(LearnerLink link, QuorumPacket packet)
    {
        var epoch = EpochPayload.Parse(packet.Data ?? []);
        link.LastZxid = new Zxid(packet.Zxid);
        link.Phase = LearnerPhase.EpochAcked;
        if (epoch != -1)
        {
            link.CurrentEpoch = epoch;
            // A participant with a newer history than ours must not be led by us (§11.3).
            if (link.IsVoter && (epoch > _replica.CurrentEpoch || (epoch == _replica.CurrentEpoch && link.LastZxid > _replica.LastLogged)))
            {
                Abandoned = $"server {link.Sid} has a newer history ({epoch}, {link.LastZxid})";
                return;
            }

            if (link.IsVoter)
                _epochAcks.Add(link.Sid);
        }

        if (_epochAcks.Contains(_config.MyId))
            SyncLearner(link);
        else
            TryAckEpochQuorum();
    }

    private void TryAckEpochQuorum()
    {
        if (NewEpoch < 0 || _epochAcks.Contains(_config.MyId) || !_config.IsQuorum(_epochAcks.Append(_config.MyId)))
            return;
        _epochAcks.Add(_config.MyId);
        _replica.SetCurrentEpoch(NewEpoch);
        LastProposed = Zxid.Of((int)NewEpoch, 0);
        _newLeaderAcks.Add(_config.MyId);
        foreach (var link in _links.Values.Where(l => l.Phase == LearnerPhase.EpochAcked).ToList())
            SyncLearner(link);
        TryEstablish();
    }

    private void SyncLearner(LearnerLink link)
    {
        var (plan, fromLog) = PlanSync(link.LastZxid);
        Trace?.Invoke($"Syncing {(link.IsObserver ? "observer" : "follower")} {link.Sid} by {plan[0].Type.ToString().ToUpperInvariant()}{(fromLog ? " from the txn log" : "")} (its last zxid {link.LastZxid}, ours {LastCommitted})");
        foreach (var packet in plan)
            _network.Send(link.Channel, packet);
        if (!link.IsObserver)
        {
            foreach (var proposal in _outstanding)
                _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.Proposal, proposal.Zxid.Value, proposal.Txn));
        }

        _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.NewLeader, Zxid.Of((int)NewEpoch, 0).Value, Config.MembershipText.ConfigBytes(_config)));
        link.Phase = LearnerPhase.Syncing;
    }

    /// <summary>The packets that bring a learner at <paramref name="peer"/> to LastCommitted, and whether a DIFF reads the txn log.</summary>
    private (List<QuorumPacket> Plan, bool FromLog) PlanSync(Zxid peer)
    {
        var log = _committedLog.ToList();
        SyncPlanner.LogReader? readLog = _config.SnapshotSizeFactor >= 0
            ? (from, upTo) => _replica.ReadLog(from, upTo, _config.SnapshotSizeFactor)
            : null;
        var plan = SyncPlanner.Plan(peer, LastCommitted, log, readLog);
        // Java would TRUNC a learner that holds txns we do not. Those txns may sit in a snapshot
        // it took from the SNAP sync of a leader that never established, and no log truncation
        // removes them (Java then exits or reloads a snapshot ahead of the leader). SNAP
        // replaces them wherever they are.
        if (plan is [{ Type: QuorumPacketType.Trunc }, ..])
            plan = null;
        if (plan is not null)
            return (plan, plan[0].Type == QuorumPacketType.Diff && peer < (log.Count > 0 ? log[0].Zxid : LastCommitted));
        var (snapZxid, stream) = _replica.TakeSnapshot();
        plan = [new QuorumPacket(QuorumPacketType.Snap, snapZxid.Value, stream)];
        foreach (var (zxid, txn) in log.Where(e => e.Zxid > snapZxid))
        {
            plan.Add(new QuorumPacket(QuorumPacketType.Proposal, zxid.Value, txn));
            plan.Add(new QuorumPacket(QuorumPacketType.Commit, zxid.Value, null));
        }

        return (plan, false);
    }

    private void OnAck(LearnerLink link, Zxid zxid)
    {
        if (zxid.Counter == 0)
        {
            // ACKs of NEWLEADER and UPTODATE carry the new-epoch zxid (§11.4).
            if (link.Phase == LearnerPhase.Syncing && zxid.Epoch == NewEpoch)
                OnNewLeaderAck(link);
            return;
        }

        if (!link.IsVoter || zxid <= LastCommitted)
            return;
        var proposal = _outstanding.FirstOrDefault(p => p.Zxid == zxid);
        if (proposal is null)
            return;
        proposal.Acks.Add(link.Sid);
        TryCommit();
    }

    private void OnNewLeaderAck(LearnerLink link)
    {
        link.Phase = LearnerPhase.Synced;
        if (link.IsVoter)
            _newLeaderAcks.Add(link.Sid);
        if (Established)
            SendUpToDate(link);
        else
            TryEstablish();
    }

    private void TryEstablish()
    {
        if (Established || !_config.IsQuorum(_newLeaderAcks))
            return;
        Established = true;
        foreach (var link in _links.Values.Where(l => l.Phase == LearnerPhase.Synced))
            SendUpToDate(link);
        _replica.StartServing(PeerRole.Leading, _config.MyId, NewEpoch);
    }

    private void SendUpToDate(LearnerLink link)
    {
        link.Phase = LearnerPhase.UpToDate;
        _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.UpToDate, -1, null));
    }

    private void TryCommit()
    {
        while (_outstanding.First is { } head && _config.IsQuorum(head.Value.Acks))
        {
            var proposal = head.Value;
            _outstanding.RemoveFirst();
            LastCommitted = proposal.Zxid;
            foreach (var link in _links.Values.Where(l => l.Forwarding))
            {
                _network.Send(link.Channel, link.IsObserver
                    ? new QuorumPacket(QuorumPacketType.Inform, proposal.Zxid.Value, proposal.Txn)
                    : new QuorumPacket(QuorumPacketType.Commit, proposal.Zxid.Value, null));
            }

            _replica.Apply(proposal.Zxid, proposal.Txn);
            _committedLog.Enqueue((proposal.Zxid, proposal.Txn));
            if (_committedLog.Count > CommittedLogCapacity)
                _committedLog.Dequeue();
            foreach (var channel in proposal.SyncWaiters.Where(_links.ContainsKey))
                _network.Send(channel, new QuorumPacket(QuorumPacketType.Sync, 0, null));
        }
    }

    private void Drop(LearnerLink link, string reason)
    {
        _ = reason;
        _links.Remove(link.Channel);
        _network.Close(link.Channel);
    }
}
