using System.Diagnostics;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// The leader (PROTOCOL.md §11.3–§11.7): discovery (new epoch from a quorum of learner infos),
/// synchronization (DIFF/TRUNC/SNAP, then NEWLEADER), then broadcast (PROPOSAL, ACK from a
/// quorum, COMMIT in zxid order; INFORM to observers), with pings for liveness.
/// </summary>
internal sealed partial class Leading
{
    private readonly QuorumConfig _config;
    private readonly IReplica _replica;
    private readonly IPeerNetwork _network;
    private readonly Dictionary<long, LearnerLink> _links = [];
    private readonly Dictionary<long, long> _epochs = [];
    private readonly HashSet<long> _epochAcks = [];
    private readonly HashSet<long> _newLeaderAcks = [];
    private readonly LinkedList<Proposal> _outstanding = new();
    private readonly Queue<(Zxid Zxid, byte[] Txn)> _committedLog = new();
    private readonly List<Proposal> _unflushed = [];
    private readonly long _startMs;
    private long _nextPingMs;

    /// <summary>Notable steps, one line each (the runtime logs them; tests grep the sync choice).</summary>
    public Action<string>? Trace { get; init; }

    public Leading(QuorumConfig config, IReplica replica, IPeerNetwork network, long nowMs)
    {
        _config = config;
        _replica = replica;
        _network = network;
        _startMs = nowMs;
        foreach (var entry in replica.LogTail(CommittedLogCapacity))
            _committedLog.Enqueue(entry);
        LastCommitted = replica.LastLogged;
        LastProposed = replica.LastLogged;
        _epochs[config.MyId] = replica.AcceptedEpoch;
        TryDecideEpoch();
    }

    /// <summary>Set when this leadership must end; the peer goes back to LOOKING.</summary>
    public string? Abandoned { get; private set; }

    /// <summary>-1 until a quorum of learner infos decided it.</summary>
    public long NewEpoch { get; private set; } = -1;

    /// <summary>A quorum acknowledged NEWLEADER: the leader serves and proposes.</summary>
    public bool Established { get; private set; }

    public Zxid LastProposed { get; private set; }

    public Zxid LastCommitted { get; private set; }

    /// <summary>Bytes of the last, smallest and largest txn proposed; -1 before the first (mntr).</summary>
    public (long Last, long Min, long Max) ProposalSizes { get; private set; } = (-1, -1, -1);

    public int LearnerCount => _links.Values.Count(l => l.Sid >= 0);

    public int SyncedFollowers => _links.Values.Count(l => l.IsVoter && l.Phase >= LearnerPhase.Synced);

    public int SyncedObservers => _links.Values.Count(l => l.IsObserver && l.Phase >= LearnerPhase.Synced);

    private int CommittedLogCapacity => _config.CommittedLogCapacity;

    private int InitLimitMs => _config.InitLimit * _config.TickTimeMs;

    private int SyncLimitMs => _config.SyncLimit * _config.TickTimeMs;

    public void OnChannelOpened(long channel, long nowMs) => _links[channel] = new LearnerLink(channel, nowMs);

    public void OnChannelClosed(long channel) => _links.Remove(channel);

    /// <summary>Closes every learner channel (the role is over).</summary>
    public void Close()
    {
        foreach (var channel in _links.Keys.ToList())
            _network.Close(channel);
        _links.Clear();
    }

    public void OnPacket(long channel, QuorumPacket packet, long nowMs)
    {
        if (Abandoned is not null || !_links.TryGetValue(channel, out var link))
            return;
        link.LastHeardMs = nowMs;
        switch (packet.Type)
        {
            case QuorumPacketType.FollowerInfo or QuorumPacketType.ObserverInfo when link.Phase == LearnerPhase.Connected:
                OnInfo(link, packet);
                break;
            case QuorumPacketType.AckEpoch when link.Phase == LearnerPhase.EpochSent:
                OnAckEpoch(link, packet);
                break;
            case QuorumPacketType.Ack:
                OnAck(link, new Zxid(packet.Zxid));
                break;
            case QuorumPacketType.Ping:
                foreach (var (session, timeoutMs) in PingData.Parse(packet.Data ?? []).Touches)
                    _replica.Touch(session, timeoutMs);
                break;
            case QuorumPacketType.Request when link.Phase >= LearnerPhase.Syncing:
                OnRequest(link, packet);
                break;
            case QuorumPacketType.Revalidate:
                var request = RevalidateRequest.Parse(packet.Data ?? []);
                _replica.Revalidate(channel, request.SessionId, request.TimeoutMs);
                break;
            default:
                Drop(link, $"unexpected {packet.Type} in phase {link.Phase}");
                break;
        }
    }

    public void Tick(long nowMs)
    {
        if (Abandoned is not null)
            return;
        if (!Established)
        {
            // Discovery and sync must finish within initLimit (§11.3).
            if (nowMs - _startMs > InitLimitMs + SyncLimitMs)
                Abandoned = "no quorum of learners synced within initLimit";
            return;
        }

        foreach (var link in _links.Values.ToList())
        {
            var limitMs = link.Phase >= LearnerPhase.Synced ? SyncLimitMs : InitLimitMs + SyncLimitMs;
            if (nowMs - link.LastHeardMs > limitMs)
                Drop(link, "silent beyond its limit");
        }

        var alive = _links.Values.Where(l => l.IsVoter && l.Phase >= LearnerPhase.Synced).Select(l => l.Sid).Append(_config.MyId);
        if (!_config.IsQuorum(alive))
        {
            Abandoned = "not enough followers synced";
            return;
        }

        if (nowMs < _nextPingMs)
            return;
        _nextPingMs = nowMs + Math.Max(1, _config.TickTimeMs / 2);
        foreach (var link in _links.Values.Where(l => l.Forwarding))
            _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.Ping, LastProposed.Value, null));
    }

    /// <summary>Makes appended proposals durable and counts the leader's own ACK for them.</summary>
    public void Sync()
    {
        if (_unflushed.Count == 0 || Abandoned is not null)
            return;
        try
        {
            _replica.Flush();
        }
        catch (IOException e)
        {
            // Our own proposals may be gone from the log: never count our ACK for them (ZOOKEEPER-4882).
            Abandoned ??= $"storage failed: {e.Message}";
            throw;
        }

        foreach (var proposal in _unflushed)
            proposal.Acks.Add(_config.MyId);
        _unflushed.Clear();
        TryCommit();
    }

    public void Propose(Zxid zxid, byte[] txn)
    {
        Debug.Assert(Established && zxid.Value == LastProposed.Value + 1 && zxid.Epoch == NewEpoch, "proposals follow the last one");
        if (!Established || zxid.Value != LastProposed.Value + 1)
            throw new InvalidOperationException($"proposal {zxid} does not follow {LastProposed}");
        LastProposed = zxid;
        ProposalSizes = ProposalSizes is var (_, min, max) && max >= 0
            ? (txn.Length, Math.Min(min, txn.Length), Math.Max(max, txn.Length))
            : (txn.Length, txn.Length, txn.Length);
        _replica.Append(zxid, txn);
        var proposal = new Proposal(zxid, txn);
        _outstanding.AddLast(proposal);
        _unflushed.Add(proposal);
        var packet = new QuorumPacket(QuorumPacketType.Proposal, zxid.Value, txn);
        foreach (var link in _links.Values.Where(l => l.Forwarding && !l.IsObserver))
            _network.Send(link.Channel, packet);
    }

    public void AnswerRevalidate(long channel, long sessionId, bool valid)
    {
        if (_links.ContainsKey(channel))
            _network.Send(channel, new QuorumPacket(QuorumPacketType.Revalidate, -1, new RevalidateReply(sessionId, valid).ToBytes()));
    }

    private void OnRequest(LearnerLink link, QuorumPacket packet)
    {
        var request = RequestPacketData.Parse(packet.Data ?? []);
        if (request.Type == SyncOp)
        {
            // A learner's sync is answered once every proposal before it has committed (§11.6).
            if (_outstanding.Last is { } last)
                last.Value.SyncWaiters.Add(link.Channel);
            else
                _network.Send(link.Channel, new QuorumPacket(QuorumPacketType.Sync, 0, null));
            return;
        }

        _replica.LearnerRequest(link.Channel, request, packet.AuthInfo);
    }

    private const int SyncOp = 9;
}
