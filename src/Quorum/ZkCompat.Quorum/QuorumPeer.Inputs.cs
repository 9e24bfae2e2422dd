using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum.Config;
using ZkCompat.Quorum.Election;
using ZkCompat.Quorum.Zab;

namespace ZkCompat.Quorum;

/// <summary>The inputs: election notifications, quorum channels and packets, and the local server's requests.</summary>
public sealed partial class QuorumPeer
{
    /// <summary>Packets a channel may send before we know whether we lead; more closes it.</summary>
    private const int MaxParkedPackets = 16;

    public void OnVote(long from, Notification n, long nowMs)
    {
        if (!_config.IsVoter(from))
        {
            // Non-voters (observers, unknown sids) get our vote and state at once (§10.3, §10.4),
            // while they look for the leader. Answering a settled one too would start an endless
            // exchange with it: it answers every LOOKING voter in turn.
            if (n.State == PeerState.Looking)
                _network.SendVote(from, ReplyNotification());
            return;
        }

        if (_role is Looking looking)
        {
            looking.OnVote(from, n, nowMs);
            Settle(nowMs);
        }
        else if (n.State == PeerState.Looking && _config.IsVoter(_config.MyId))
        {
            // A settled voter tells a looking one the leader. Voters never count what a non-voter
            // says, so a settled observer keeps quiet.
            _network.SendVote(from, ReplyNotification());
        }
    }

    /// <summary>A learner connected to our quorum port.</summary>
    public void OnChannelOpened(long channel, long nowMs)
    {
        if (_role is Leading leading)
            leading.OnChannelOpened(channel, nowMs);
        else
            _parked[channel] = [];
    }

    /// <summary>Our connection to the leader's quorum port is open.</summary>
    public void OnLeaderConnected(long channel, long nowMs)
    {
        if (_role is Learning learning)
            learning.OnConnected(channel, nowMs);
        else
            _network.Close(channel);
    }

    public void OnLeaderConnectFailed(long nowMs)
    {
        (_role as Learning)?.OnConnectFailed();
        Settle(nowMs);
    }

    public void OnPacket(long channel, QuorumPacket packet, long nowMs)
    {
        if (_parked.TryGetValue(channel, out var parked))
        {
            parked.Add(packet);
            if (parked.Count > MaxParkedPackets)
            {
                _parked.Remove(channel);
                _network.Close(channel);
            }

            return;
        }

        switch (_role)
        {
            case Leading leading:
                leading.OnPacket(channel, packet, nowMs);
                break;
            case Learning learning:
                learning.OnPacket(channel, packet, nowMs);
                break;
        }

        Settle(nowMs);
    }

    public void OnChannelClosed(long channel, long nowMs)
    {
        _parked.Remove(channel);
        switch (_role)
        {
            case Leading leading:
                leading.OnChannelClosed(channel);
                break;
            case Learning learning:
                learning.OnClosed(channel);
                break;
        }

        Settle(nowMs);
    }

    /// <summary>Leader: proposes the next txn; <paramref name="zxid"/> must follow the last proposal.</summary>
    public void Propose(Zxid zxid, byte[] txn) =>
        (_role as Leading ?? throw new InvalidOperationException("only an established leader proposes")).Propose(zxid, txn);

    /// <summary>Learner: forwards a client request to the leader (§11.6).</summary>
    public void Forward(RequestPacketData request, IReadOnlyList<Id>? authInfo) => (_role as Learning)?.Forward(request, authInfo);

    /// <summary>Learner: asks the leader whether a reconnecting client's session is valid (§11.8).</summary>
    public void Revalidate(long sessionId, int timeoutMs) => (_role as Learning)?.Revalidate(sessionId, timeoutMs);

    /// <summary>Leader: the answer to <see cref="IReplica.Revalidate"/>.</summary>
    public void AnswerRevalidate(long channel, long sessionId, bool valid) => (_role as Leading)?.AnswerRevalidate(channel, sessionId, valid);

    /// <summary>Leader: the next zxid a proposal must carry, or null while not established.</summary>
    public Zxid? NextZxid => _role is Leading { Established: true, Abandoned: null } l ? new Zxid(l.LastProposed.Value + 1) : null;

    private Notification ReplyNotification()
    {
        if (_role is Looking looking)
            return looking.CurrentNotification();
        var vote = CurrentVote;
        return new Notification((PeerState)(int)Role, vote.Leader, vote.Zxid.Value, vote.ElectionEpoch, vote.PeerEpoch, 2, _config.ConfigBytes());
    }
}
