using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Election;

namespace ZkCompat.Quorum.Tests;

/// <summary>FastLeaderElection rules (PROTOCOL.md §10.3, §10.4) on one peer, the other members played by hand.</summary>
public class ElectionRuleTests
{
    [Theory]
    [InlineData(2, 1, 1, 1, 9, 3, true)]
    [InlineData(1, 9, 3, 2, 1, 1, false)]
    [InlineData(1, 5, 1, 1, 4, 3, true)]
    [InlineData(1, 5, 1, 1, 5, 3, false)]
    [InlineData(1, 5, 3, 1, 5, 2, true)]
    public void VoteOrder_IsPeerEpochThenZxidThenSid(long epochA, uint counterA, long sidA, long epochB, uint counterB, long sidB, bool aBeats)
    {
        var a = new Vote(sidA, Zxid.Of(1, counterA), 1, epochA);
        var b = new Vote(sidB, Zxid.Of(1, counterB), 1, epochB);
        Assert.Equal(aBeats, a.Beats(b));
        Assert.False(a.Beats(a));
    }

    [Fact]
    public void Start_BroadcastsItsOwnVoteToTheOtherVotersOnly()
    {
        var harness = new PeerHarness(1, voters: 3, observers: 1, disk: PeerHarness.DiskWith(2, Zxid.Of(2, 7)));
        Assert.Equal([2L, 3L], harness.Network.Votes.Select(v => v.To).Order());
        var vote = harness.Network.Votes[0].Notification;
        Assert.Equal((PeerState.Looking, 1L, Zxid.Of(2, 7).Value, 1L, 2L), (vote.State, vote.Leader, vote.Zxid, vote.ElectionEpoch, vote.PeerEpoch));
    }

    [Fact]
    public void BetterVote_IsAdoptedAndRebroadcast_WorseVoteIsNot()
    {
        var harness = new PeerHarness(2);
        harness.Network.Votes.Clear();
        harness.Vote(1, PeerState.Looking, 1, Zxid.Zero, 1, 0);
        Assert.Empty(harness.Network.Votes);
        harness.Vote(3, PeerState.Looking, 3, Zxid.Zero, 1, 0);
        Assert.Equal([1L, 3L], harness.Network.Votes.Select(v => v.To).Order());
        Assert.All(harness.Network.Votes, v => Assert.Equal(3, v.Notification.Leader));
    }

    [Fact]
    public void QuorumAgreement_FinishesOnlyAfterFinalizeWait()
    {
        var harness = new PeerHarness(1);
        harness.Vote(3, PeerState.Looking, 3, Zxid.Zero, 1, 0);
        harness.NowMs = Looking.FinalizeWaitMs - 1;
        harness.Peer.Tick(harness.NowMs);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        harness.NowMs = Looking.FinalizeWaitMs;
        harness.Peer.Tick(harness.NowMs);
        Assert.Equal(PeerRole.Following, harness.Peer.Role);
        Assert.Equal(3, harness.Peer.LeaderSid);
        Assert.Equal([3L], harness.Network.Connects);
    }

    [Fact]
    public void BetterVoteDuringFinalizeWait_Wins()
    {
        var harness = new PeerHarness(1);
        harness.Vote(2, PeerState.Looking, 2, Zxid.Zero, 1, 0);
        harness.NowMs = 100;
        harness.Vote(3, PeerState.Looking, 3, Zxid.Zero, 1, 0);
        harness.NowMs = Looking.FinalizeWaitMs;
        harness.Peer.Tick(harness.NowMs);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        harness.NowMs = 100 + Looking.FinalizeWaitMs;
        harness.Peer.Tick(harness.NowMs);
        Assert.Equal(3, harness.Peer.LeaderSid);
    }

    [Fact]
    public void HigherRound_IsAdopted_AndAVoterInALowerRoundIsAnswered()
    {
        var harness = new PeerHarness(2);
        harness.Network.Votes.Clear();
        harness.Vote(1, PeerState.Looking, 1, Zxid.Zero, 5, 0);
        Assert.All(harness.Network.Votes, v => Assert.Equal((5L, 2L), (v.Notification.ElectionEpoch, v.Notification.Leader)));
        harness.Network.Votes.Clear();
        harness.Vote(3, PeerState.Looking, 3, Zxid.Zero, 2, 0);
        var answer = Assert.Single(harness.Network.Votes);
        Assert.Equal((3L, 5L), (answer.To, answer.Notification.ElectionEpoch));
    }

    [Fact]
    public void ObserverVotes_AreNeverCounted()
    {
        var harness = new PeerHarness(1, voters: 3, observers: 2);
        harness.Vote(4, PeerState.Looking, 1, Zxid.Zero, 1, 0);
        harness.Vote(5, PeerState.Looking, 1, Zxid.Zero, 1, 0);
        harness.NowMs = 10 * Looking.FinalizeWaitMs;
        harness.Peer.Tick(harness.NowMs);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        Assert.Contains(harness.Network.Votes, v => v.To == 4 && v.Notification.State == PeerState.Looking);
    }

    [Fact]
    public void SettledObserver_GetsNoAnswer_LookingObserverDoes()
    {
        var harness = new PeerHarness(1, voters: 3, observers: 1);
        harness.Network.Votes.Clear();
        harness.Vote(4, PeerState.Observing, 3, Zxid.Zero, 1, 1);
        Assert.Empty(harness.Network.Votes);
        harness.Vote(4, PeerState.Looking, long.MinValue, new Zxid(long.MinValue), 1, long.MinValue);
        Assert.Equal(4, Assert.Single(harness.Network.Votes).To);
    }

    [Fact]
    public void LateJoiner_FollowsOnlyOnceTheLeaderItselfSaysLeading()
    {
        var harness = new PeerHarness(1, voters: 5);
        foreach (var sid in new long[] { 2, 4, 5 })
            harness.Vote(sid, PeerState.Following, 3, Zxid.Zero, 7, 2);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        harness.Vote(3, PeerState.Leading, 3, Zxid.Zero, 7, 2);
        Assert.Equal(PeerRole.Following, harness.Peer.Role);
        Assert.Equal(3, harness.Peer.LeaderSid);
    }

    [Fact]
    public void Observer_LearnsTheLeaderFromSettledVoters()
    {
        var harness = new PeerHarness(4, voters: 3, observers: 1);
        Assert.Equal(long.MinValue, harness.Network.Votes[0].Notification.Leader);
        harness.Vote(3, PeerState.Leading, 3, Zxid.Zero, 2, 1);
        harness.Vote(2, PeerState.Following, 3, Zxid.Zero, 2, 1);
        Assert.Equal(PeerRole.Observing, harness.Peer.Role);
        Assert.Equal([3L], harness.Network.Connects);
    }

    [Fact]
    public void SettledVoter_AnswersALookingVoterWithItsStateAndLeader()
    {
        var harness = new PeerHarness(1);
        harness.FollowSettledLeader(3, 0, 2);
        harness.Network.Votes.Clear();
        harness.Vote(2, PeerState.Looking, 2, Zxid.Zero, 9, 0);
        var answer = Assert.Single(harness.Network.Votes);
        Assert.Equal((2L, PeerState.Following, 3L), (answer.To, answer.Notification.State, answer.Notification.Leader));
        harness.Vote(2, PeerState.Following, 3, Zxid.Zero, 1, 0);
        Assert.Single(harness.Network.Votes);
    }
}
