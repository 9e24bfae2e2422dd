using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// The learner's side of sync (§11.4, §11.5) against a leader played by hand: what is durable
/// when it ACKs, and what it does with packets that would leave a hole or run ahead of its disk.
/// </summary>
public class LearnerRuleTests
{
    private static readonly Zxid[] FiveTxns = [.. Enumerable.Range(1, 5).Select(i => Zxid.Of(1, (uint)i))];

    /// <summary>Server 1 with txns 1..5 of epoch 1 follows leader 3, which proposes epoch 2.</summary>
    private static PeerHarness Synced()
    {
        var harness = new PeerHarness(1, disk: PeerHarness.DiskWith(1, FiveTxns));
        harness.FollowSettledLeader(3, 1, 2);
        Assert.Single(harness.Sent(QuorumPacketType.FollowerInfo));
        harness.LeaderInfo(2);
        var ack = Assert.Single(harness.Sent(QuorumPacketType.AckEpoch));
        Assert.Equal(Zxid.Of(1, 5).Value, ack.Zxid);
        Assert.Equal(1, EpochPayload.Parse(ack.Data));
        Assert.Equal(2, harness.Disk.AcceptedEpoch);
        return harness;
    }

    [Fact]
    public void NewLeaderAck_IsSentOnlyOnceTxnsAndThenTheEpochAreDurable()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Diff, Zxid.Of(1, 7));
        harness.Proposal(Zxid.Of(1, 6));
        harness.Commit(Zxid.Of(1, 6));
        harness.Proposal(Zxid.Of(1, 7));
        var checkedAtAck = false;
        harness.Network.OnSend = packet =>
        {
            if (packet.Type != QuorumPacketType.Ack || (uint)packet.Zxid != 0)
                return;
            Assert.Equal(Zxid.Of(1, 7), harness.Disk.LastLogged);
            Assert.Equal(2, harness.Disk.CurrentEpoch);
            checkedAtAck = true;
        };
        harness.FromLeader(QuorumPacketType.NewLeader, Zxid.Of(2, 0));
        Assert.True(checkedAtAck);
    }

    [Fact]
    public void Proposals_AreNotAckedBeforeNewLeader_ThenAckedAfterIt()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Diff, Zxid.Of(1, 5));
        harness.Proposal(Zxid.Of(1, 6));
        harness.Peer.Sync();
        Assert.Empty(harness.Sent(QuorumPacketType.Ack));
        harness.FromLeader(QuorumPacketType.NewLeader, Zxid.Of(2, 0));
        Assert.Equal([Zxid.Of(2, 0).Value, Zxid.Of(1, 6).Value], harness.Sent(QuorumPacketType.Ack).Select(p => p.Zxid));
    }

    [Fact]
    public void CommitBetweenNewLeaderAckAndUpToDate_IsApplied_Zk4394()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Diff, Zxid.Of(1, 5));
        harness.Proposal(Zxid.Of(1, 6));
        harness.FromLeader(QuorumPacketType.NewLeader, Zxid.Of(2, 0));
        harness.Commit(Zxid.Of(1, 6));
        harness.FromLeader(QuorumPacketType.UpToDate, new Zxid(-1));
        Assert.True(harness.Peer.IsServing);
        Assert.Equal(Zxid.Of(1, 6), harness.Replica.State.Last);
    }

    [Fact]
    public void ProposalAfterAGap_EndsTheRoleWithoutLoggingIt_Zk4925()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Diff, Zxid.Of(1, 8));
        harness.Proposal(Zxid.Of(1, 6));
        harness.Proposal(Zxid.Of(1, 8));
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        Assert.Equal(Zxid.Of(1, 5), harness.Disk.LastLogged); // a sync that broke leaves the disk as it was
        Assert.Contains(PeerHarness.Channel, harness.Network.Closed);
    }

    [Fact]
    public void CommitOfATxnNotHeld_EndsTheRole()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Diff, Zxid.Of(1, 7));
        harness.Commit(Zxid.Of(1, 7));
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        Assert.Equal(Zxid.Of(1, 5), harness.Replica.State.Last);
    }

    [Fact]
    public void LeaderInfoBelowTheAcceptedEpoch_EndsTheRole()
    {
        var harness = new PeerHarness(1, disk: PeerHarness.DiskWith(1, FiveTxns));
        harness.Disk.AcceptedEpoch = 4;
        harness.Restart();
        harness.FollowSettledLeader(3, 1, 2);
        harness.LeaderInfo(3);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        Assert.Empty(harness.Sent(QuorumPacketType.AckEpoch));
    }

    /// <summary>
    /// ZOOKEEPER-5094: a learner interrupted after TRUNC and before NEWLEADER kept an in-memory
    /// state ahead of its log. Here the state after the break, and after a restart, is the log.
    /// </summary>
    [Fact]
    public void TruncThenBreakBeforeNewLeader_StateIsTheTruncatedLog_Zk5094()
    {
        var harness = Synced();
        harness.FromLeader(QuorumPacketType.Trunc, Zxid.Of(1, 3));
        Assert.Equal(Zxid.Of(1, 3), harness.Replica.State.Last);
        harness.Peer.OnChannelClosed(PeerHarness.Channel, harness.NowMs);
        Assert.Equal(PeerRole.Looking, harness.Peer.Role);
        Assert.Equal(FiveTxns.Take(3), harness.DurableLog());
        Assert.Equal(FiveTxns.Take(3), harness.Replica.State.Entries.Select(e => e.Zxid));
        Assert.Equal(Zxid.Of(1, 3).Value, harness.Network.Votes.Last().Notification.Zxid);
        harness.Restart();
        Assert.Equal(FiveTxns.Take(3), harness.Replica.State.Entries.Select(e => e.Zxid));
    }

    /// <summary>ZOOKEEPER-3642: a SNAP is not made durable before NEWLEADER; a break leaves the disk as it was.</summary>
    [Fact]
    public void SnapThenBreakBeforeNewLeader_LeavesTheDiskAsItWas_Zk3642()
    {
        var harness = Synced();
        var snapshot = Sim.SnapshotCodec.Write([.. Enumerable.Range(1, 9).Select(i => new Sim.LogEntry(Zxid.Of(1, (uint)i), PeerHarness.Txn(Zxid.Of(1, (uint)i))))]);
        harness.FromLeader(QuorumPacketType.Snap, Zxid.Of(1, 9), snapshot);
        harness.Proposal(Zxid.Of(1, 10));
        harness.Peer.Sync();
        Assert.Equal(FiveTxns, harness.DurableLog());
        harness.Peer.OnChannelClosed(PeerHarness.Channel, harness.NowMs);
        Assert.Equal(FiveTxns, harness.DurableLog());
        Assert.Equal(Zxid.Of(1, 5), harness.Replica.State.Last);
        Assert.Equal(1, harness.Disk.CurrentEpoch);
    }

    [Fact]
    public void SnapThenNewLeader_PersistsSnapshotAndProposalsBeforeTheAck_Zk3642()
    {
        var harness = Synced();
        var snapshot = Sim.SnapshotCodec.Write([.. Enumerable.Range(1, 9).Select(i => new Sim.LogEntry(Zxid.Of(1, (uint)i), PeerHarness.Txn(Zxid.Of(1, (uint)i))))]);
        harness.FromLeader(QuorumPacketType.Snap, Zxid.Of(1, 9), snapshot);
        harness.Proposal(Zxid.Of(1, 10));
        harness.Commit(Zxid.Of(1, 10));
        harness.Proposal(Zxid.Of(1, 11));
        harness.Network.OnSend = packet =>
        {
            if (packet.Type == QuorumPacketType.Ack && (uint)packet.Zxid == 0)
                Assert.Equal(Zxid.Of(1, 11), harness.Disk.LastLogged);
        };
        harness.FromLeader(QuorumPacketType.NewLeader, Zxid.Of(2, 0));
        Assert.Equal(Zxid.Of(1, 9), harness.Disk.SnapshotZxid);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => Zxid.Of(1, (uint)i)), harness.DurableLog());
        Assert.Equal(Zxid.Of(1, 10), harness.Replica.State.Last);
        harness.Restart();
        Assert.Equal(Zxid.Of(1, 11), harness.Replica.State.Last);
    }
}
