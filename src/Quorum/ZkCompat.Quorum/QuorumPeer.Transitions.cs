using ZkCompat.Quorum.Election;
using ZkCompat.Quorum.Zab;

namespace ZkCompat.Quorum;

/// <summary>Role changes: election outcome to leader or learner, and any role back to LOOKING.</summary>
public sealed partial class QuorumPeer
{
    private void Settle(long nowMs)
    {
        // A transition can end the next role at once (e.g. a one-voter leader); settle until stable.
        for (var i = 0; i < 4; i++)
        {
            switch (_role)
            {
                case Looking { Outcome: { } vote } looking:
                    _logicalClock = looking.LogicalClock;
                    Elected(vote with { ElectionEpoch = _logicalClock }, nowMs);
                    break;
                case Leading { Abandoned: { } reason }:
                    BecomeLooking(nowMs, reason);
                    break;
                case Learning { Abandoned: { } reason }:
                    BecomeLooking(nowMs, reason);
                    break;
                default:
                    UpdateVoteEpoch();
                    return;
            }
        }
    }

    private void Elected(Vote vote, long nowMs)
    {
        CurrentVote = vote;
        if (vote.Leader == _config.MyId)
        {
            var leading = new Leading(_config, _replica, _network, nowMs) { Trace = Trace };
            _role = leading;
            Trace?.Invoke($"LEADING (election epoch {vote.ElectionEpoch}, zxid {vote.Zxid})");
            foreach (var (channel, packets) in _parked)
            {
                leading.OnChannelOpened(channel, nowMs);
                foreach (var packet in packets)
                    leading.OnPacket(channel, packet, nowMs);
            }
        }
        else
        {
            foreach (var channel in _parked.Keys)
                _network.Close(channel);
            var observer = !_config.IsVoter(_config.MyId);
            _role = new Learning(_config, _replica, _network, vote.Leader, observer, nowMs) { Trace = Trace };
            Trace?.Invoke($"{(observer ? "OBSERVING" : "FOLLOWING")} leader {vote.Leader} (election epoch {vote.ElectionEpoch})");
        }

        _parked.Clear();
    }

    private void BecomeLooking(long nowMs, string reason)
    {
        switch (_role)
        {
            case Leading leading:
                leading.Close();
                break;
            case Learning learning:
                learning.Close();
                break;
        }

        if (_role is not null)
        {
            Trace?.Invoke($"LOOKING: {reason}");
            _replica.StopServing();
            // Whatever was logged becomes the state we vote with, as after a restart.
            _replica.Flush();
            _replica.Reload();
        }

        _logicalClock++;
        _role = new Looking(_config, _network, _logicalClock, _replica.LastLogged, _replica.CurrentEpoch, nowMs);
    }

    /// <summary>Once synced, our vote carries the new epoch (§10.3 replies).</summary>
    private void UpdateVoteEpoch()
    {
        var epoch = _role switch
        {
            Leading { Established: true } l => l.NewEpoch,
            Learning { UpToDate: true } l => l.NewEpoch,
            _ => -1,
        };
        if (epoch >= 0 && CurrentVote.PeerEpoch != epoch)
            CurrentVote = CurrentVote with { PeerEpoch = epoch };
    }

}
