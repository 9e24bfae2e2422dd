using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Zab;

/// <summary>
/// A follower or an observer (PROTOCOL.md §11.4): registers with the leader, syncs, then logs
/// proposals (ACKing them once durable, followers only) and applies commits in order. Txns are
/// logged before the NEWLEADER ACK and currentEpoch is written only after they are durable, the
/// order that avoids ZOOKEEPER-4643/4646; what a sync brings (SNAP or DIFF txns) is held in memory
/// until NEWLEADER and then made durable before anything else (ZOOKEEPER-3642); a proposal out of sequence or a commit for a
/// txn we do not hold ends the role instead of leaving a hole (ZOOKEEPER-4394, 4925).
/// </summary>
internal sealed partial class Learning
{
    private readonly QuorumConfig _config;
    private readonly IReplica _replica;
    private readonly IPeerNetwork _network;
    private readonly Queue<(Zxid Zxid, byte[] Txn)> _pending = new();
    private readonly List<Zxid> _unacked = [];
    private long _channel = -1;
    private long _lastHeardMs;
    private long _newEpoch = -1;
    private bool _newLeaderSeen;
    private HeldSync? _held;

    /// <summary>Notable steps, one line each (the runtime logs them; tests grep the sync choice).</summary>
    public Action<string>? Trace { get; init; }

    public Learning(QuorumConfig config, IReplica replica, IPeerNetwork network, long leaderSid, bool observer, long nowMs)
    {
        _config = config;
        _replica = replica;
        _network = network;
        LeaderSid = leaderSid;
        IsObserver = observer;
        _lastHeardMs = nowMs;
        LastLogged = replica.LastLogged;
        network.ConnectToLeader(config.Members.First(m => m.Sid == leaderSid));
    }

    public long LeaderSid { get; }

    public bool IsObserver { get; }

    public bool UpToDate { get; private set; }

    public string? Abandoned { get; private set; }

    public long NewEpoch => _newEpoch;

    public Zxid LastLogged { get; private set; }

    public bool Owns(long channel) => channel == _channel;

    public void OnConnected(long channel, long nowMs)
    {
        if (_channel >= 0)
        {
            _network.Close(channel);
            return;
        }

        _channel = channel;
        _lastHeardMs = nowMs;
        var info = new LearnerInfo(_config.MyId, LearnerInfo.Version1_0, 0).ToBytes();
        var type = IsObserver ? QuorumPacketType.ObserverInfo : QuorumPacketType.FollowerInfo;
        Send(new QuorumPacket(type, Zxid.Of((int)_replica.AcceptedEpoch, 0).Value, info));
    }

    public void OnClosed(long channel)
    {
        if (channel == _channel)
            Abandoned ??= "lost the leader";
    }

    public void OnConnectFailed() => Abandoned ??= "cannot reach the leader";

    /// <summary>Closes the channel to the leader (the role is over).</summary>
    public void Close()
    {
        if (_channel >= 0)
            _network.Close(_channel);
        _channel = -1;
    }

    public void Tick(long nowMs)
    {
        var limitTicks = UpToDate ? _config.SyncLimit : _config.InitLimit;
        if (nowMs - _lastHeardMs > (long)limitTicks * _config.TickTimeMs)
            Abandoned ??= "the leader is silent";
    }

    /// <summary>
    /// Makes logged proposals durable, then ACKs them (followers). Before NEWLEADER nothing is
    /// ACKed: an ACK from a server whose currentEpoch is still the old one could be outvoted in
    /// the next election and its txn truncated (ZOOKEEPER-4643).
    /// </summary>
    public void Sync()
    {
        if (_unacked.Count == 0 || Abandoned is not null)
            return;
        Persist();
        if (!_newLeaderSeen)
            return;
        if (!IsObserver && _channel >= 0)
        {
            foreach (var zxid in _unacked)
                Send(new QuorumPacket(QuorumPacketType.Ack, zxid.Value, null));
        }

        _unacked.Clear();
    }

    public void Forward(RequestPacketData request, IReadOnlyList<Id>? authInfo) =>
        Send(new QuorumPacket(QuorumPacketType.Request, -1, request.ToBytes(), authInfo));

    public void Revalidate(long sessionId, int timeoutMs) =>
        Send(new QuorumPacket(QuorumPacketType.Revalidate, -1, new RevalidateRequest(sessionId, timeoutMs).ToBytes()));

    /// <summary>
    /// Flushes the log. A storage failure ends the role: what was buffered may be gone, so nothing
    /// logged since may be ACKed or built on; the peer reloads from disk and rejoins
    /// (ZOOKEEPER-4882). The exception still reaches the driver.
    /// </summary>
    private void Persist()
    {
        try
        {
            _replica.Flush();
        }
        catch (IOException e)
        {
            Abandoned ??= $"storage failed: {e.Message}";
            throw;
        }
    }

    private void Send(QuorumPacket packet)
    {
        if (_channel >= 0)
            _network.Send(_channel, packet);
    }
}
