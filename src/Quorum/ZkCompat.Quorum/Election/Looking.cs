using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Election;

/// <summary>
/// FastLeaderElection while LOOKING (PROTOCOL.md §10.3): cast a vote, adopt better ones, and
/// stop when a quorum of voters agrees and no better vote arrives within finalizeWait. Late
/// joiners and observers learn an existing leader from FOLLOWING/LEADING notifications.
/// </summary>
internal sealed class Looking
{
    public const int FinalizeWaitMs = 200;
    public const int MinNotificationIntervalMs = 200;
    public const int MaxNotificationIntervalMs = 60_000;

    private readonly QuorumConfig _config;
    private readonly IPeerNetwork _network;
    private readonly Dictionary<long, Vote> _received = [];
    private readonly Dictionary<long, (Vote Vote, PeerRole State)> _outOfElection = [];
    private readonly Zxid _myZxid;
    private readonly long _myEpoch;
    private long _intervalMs = MinNotificationIntervalMs;
    private long _nextResendMs;
    private long _finalizeAtMs = -1;

    public Looking(QuorumConfig config, IPeerNetwork network, long logicalClock, Zxid lastLogged, long currentEpoch, long nowMs)
    {
        _config = config;
        _network = network;
        _myZxid = lastLogged;
        _myEpoch = currentEpoch;
        LogicalClock = logicalClock;
        Proposal = InitialVote();
        if (IAmVoter)
            _received[config.MyId] = Proposal;
        _nextResendMs = nowMs + _intervalMs;
        Broadcast();
    }

    public long LogicalClock { get; private set; }

    public Vote Proposal { get; private set; }

    /// <summary>Set once the election is over: the agreed vote.</summary>
    public Vote? Outcome { get; private set; }

    private bool IAmVoter => _config.IsVoter(_config.MyId);

    public Notification CurrentNotification() => Notify(Proposal, PeerRole.Looking);

    public void OnVote(long from, Notification n, long nowMs)
    {
        if (Outcome is not null)
            return;
        if (n.State == PeerState.Looking)
            OnLookingVote(from, n, nowMs);
        else if (n.State is PeerState.Following or PeerState.Leading)
            OnSettledVote(from, n);
    }

    public void Tick(long nowMs)
    {
        if (Outcome is not null)
            return;
        if (_finalizeAtMs < 0 && IAmVoter && Agrees())
            _finalizeAtMs = nowMs + FinalizeWaitMs;
        if (_finalizeAtMs >= 0 && nowMs >= _finalizeAtMs)
        {
            // No better vote within finalizeWait: the agreed proposal stands.
            Outcome = Proposal;
            return;
        }

        if (nowMs < _nextResendMs)
            return;
        // Silence: say it again, and wait twice as long next time (§10.3 timers).
        Broadcast();
        _intervalMs = Math.Min(_intervalMs * 2, MaxNotificationIntervalMs);
        _nextResendMs = nowMs + _intervalMs;
    }

    private void OnLookingVote(long from, Notification n, long nowMs)
    {
        if (!_config.IsVoter(from) || !_config.IsVoter(n.Leader))
            return;
        var theirs = new Vote(n.Leader, new Zxid(n.Zxid), n.ElectionEpoch, n.PeerEpoch);
        var before = Proposal;
        if (n.ElectionEpoch > LogicalClock)
        {
            LogicalClock = n.ElectionEpoch;
            _received.Clear();
            var mine = InitialVote();
            Proposal = theirs.Beats(mine) ? theirs : mine;
            Broadcast();
        }
        else if (n.ElectionEpoch < LogicalClock)
        {
            // A voter in an older round: tell it where we are (§10.3 replies). Voters ignore what
            // non-voters say, and answer them every time, so an observer stays quiet.
            if (IAmVoter)
                _network.SendVote(from, CurrentNotification());
            return;
        }
        else if (theirs.Beats(Proposal))
        {
            Proposal = theirs;
            Broadcast();
        }

        _received[from] = theirs;
        if (IAmVoter)
            _received[_config.MyId] = Proposal;
        // A vote during finalizeWait that changes nothing: keep waiting. A better one starts the
        // wait again once it has a quorum too, as Java goes back to its main loop (§10.3).
        if (_finalizeAtMs >= 0 && Proposal == before && Agrees())
            return;
        _finalizeAtMs = Agrees() ? nowMs + FinalizeWaitMs : -1;
    }

    private void OnSettledVote(long from, Notification n)
    {
        var theirs = new Vote(n.Leader, new Zxid(n.Zxid), n.ElectionEpoch, n.PeerEpoch);
        var state = n.State == PeerState.Leading ? PeerRole.Leading : PeerRole.Following;
        if (n.ElectionEpoch == LogicalClock && _config.IsVoter(from))
        {
            _received[from] = theirs;
            if (Quorum(_received, theirs, sameRound: true) && LeaderConfirmed(theirs, _outOfElection, from, state))
            {
                Outcome = theirs;
                return;
            }
        }

        // Members of an ensemble that already has a leader (§10.3 FOLLOWING/LEADING).
        _outOfElection[from] = (theirs, state);
        var votes = _outOfElection.Where(kv => _config.IsVoter(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value.Vote);
        if (Quorum(votes, theirs, sameRound: false) && LeaderConfirmed(theirs, _outOfElection, from, state))
        {
            LogicalClock = n.ElectionEpoch;
            Outcome = theirs;
        }
    }

    private bool LeaderConfirmed(Vote vote, Dictionary<long, (Vote Vote, PeerRole State)> seen, long from, PeerRole state)
    {
        if (vote.Leader == _config.MyId)
            return vote.ElectionEpoch == LogicalClock;
        if (from == vote.Leader && state == PeerRole.Leading)
            return true;
        return seen.TryGetValue(vote.Leader, out var leader) && leader.State == PeerRole.Leading;
    }

    private bool Agrees() => Quorum(_received, Proposal, sameRound: true);

    private bool Quorum(Dictionary<long, Vote> votes, Vote vote, bool sameRound)
    {
        var agreeing = votes.Where(kv => sameRound ? kv.Value.SameAs(vote) : kv.Value.Leader == vote.Leader && kv.Value.PeerEpoch == vote.PeerEpoch);
        return _config.IsQuorum(agreeing.Select(kv => kv.Key));
    }

    private Vote InitialVote() => IAmVoter
        ? new Vote(_config.MyId, _myZxid, LogicalClock, _myEpoch)
        : Vote.None(LogicalClock);

    private void Broadcast()
    {
        var notification = CurrentNotification();
        foreach (var sid in _config.Voters)
        {
            if (sid != _config.MyId)
                _network.SendVote(sid, notification);
        }
    }

    private Notification Notify(Vote vote, PeerRole state) =>
        new((PeerState)(int)state, vote.Leader, vote.Zxid.Value, LogicalClock, vote.PeerEpoch, 2, _config.ConfigBytes());
}
