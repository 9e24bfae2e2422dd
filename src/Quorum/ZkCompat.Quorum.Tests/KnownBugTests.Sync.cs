using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>Scripted schedules for the sync-phase bugs: SNAP, COMMIT ordering, interrupted DIFF, disk errors, holes.</summary>
public partial class KnownBugTests
{
    /// <summary>
    /// ZOOKEEPER-3642: the leader died after SNAP and before NEWLEADER; the learner kept the
    /// snapshot in memory only yet the next leader DIFFed it from the snapshot's zxid, and a
    /// restart lost everything. Here: server 1 misses more writes than the others keep in their
    /// logs; the leader restarts (its committed log is now what its disk kept), so server 1 gets
    /// SNAP; the leader dies with NEWLEADER unsent; 2 leads; 1 restarts.
    /// </summary>
    [Fact]
    public void Zk3642_LeaderDiesBetweenSnapAndNewLeader_TheLearnerLosesNothing()
    {
        var cluster = Scripted.Create(maxLogEntries: 3);
        var acknowledged = cluster.Boot(leader: 3);
        cluster.Crash(1);
        acknowledged.AddRange(cluster.Commit(12));
        cluster.Crash(3);
        cluster.Start(3);
        cluster.AwaitLeader(expected: 3);
        var snapSeen = false;
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 1 && ev.IsPacket(QuorumPacketType.Snap))
            {
                snapSeen = true;
                cluster.Crash(3, "the leader dies with NEWLEADER unsent");
            }

            return DeliveryVerdict.Deliver;
        };
        cluster.Start(1);
        cluster.AwaitLeader(expected: 2);
        Assert.True(snapSeen, "server 1 was synced by SNAP");
        cluster.Intercept = null;
        cluster.Crash(1);
        cluster.Start(1);
        Assert.True(cluster[1].Holds(acknowledged) || cluster.RunUntil(() => cluster[1].Holds(acknowledged), 5_000), cluster.Status());
        cluster.AssertEveryoneHolds(acknowledged);
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-4394: a COMMIT for a proposal arrived after the learner's NEWLEADER ACK (DIFF,
    /// PROPOSAL, COMMIT, PROPOSAL, NEWLEADER, COMMIT, UPTODATE) and crashed it in a loop. Server 2's
    /// slow disk keeps a proposal outstanding while server 1 syncs; its ACK arrives as server 1
    /// answers NEWLEADER. The learner must take the COMMIT, serve, and hold the write.
    /// </summary>
    [Fact]
    public void Zk4394_CommitArrivesBetweenNewLeaderAndUpToDate_TheLearnerApplies()
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        cluster.Crash(1);
        acknowledged.AddRange(cluster.Commit(3));
        cluster[2].SyncHeld = true;
        var outstanding = cluster.Write(cluster[3])!;
        cluster.Run(50);
        var toLearner = new List<QuorumPacketType>();
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 1 && ev.Kind == SimEventKind.Packet)
            {
                toLearner.Add(ev.Packet!.Type);
                if (ev.Packet.Type == QuorumPacketType.NewLeader)
                {
                    cluster[2].SyncHeld = false;
                    cluster.Sync(cluster[2]);
                }
            }

            return DeliveryVerdict.Deliver;
        };
        cluster.Start(1);
        var incarnation = cluster[1].Incarnation;
        cluster.AwaitLeader(expected: 3);
        var sync = toLearner.Where(t => t != QuorumPacketType.Ping).ToList();
        var newLeader = sync.IndexOf(QuorumPacketType.NewLeader);
        Assert.True(newLeader > 0 && sync.IndexOf(QuorumPacketType.UpToDate) > newLeader + 1 && sync[newLeader + 1] == QuorumPacketType.Commit, string.Join(",", sync));
        Assert.Equal(incarnation, cluster[1].Incarnation);
        Assert.True(cluster[1].Holds([.. acknowledged, outstanding]), cluster.Status());
        cluster.HealAndCheck([.. acknowledged, outstanding]);
    }

    /// <summary>
    /// ZOOKEEPER-4785: a follower bounced in the middle of a DIFF, before the txns were on disk,
    /// lost them. Server 3 restarts in the middle of its DIFF (disk held: nothing durable), syncs
    /// again, then the leader dies and server 3 leads: it must hold every write.
    /// </summary>
    [Fact]
    public void Zk4785_RestartInTheMiddleOfADiff_ThenLead_LosesNothing()
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        cluster.Crash(3);
        cluster.AwaitLeader(expected: 2);
        acknowledged.AddRange(cluster.Commit(6));
        var proposals = 0;
        cluster.Intercept = (server, ev) =>
            server.Sid == 3 && ev.IsPacket(QuorumPacketType.Proposal) && ++proposals == 3 ? DeliveryVerdict.CrashAfter : DeliveryVerdict.Deliver;
        cluster.Start(3);
        cluster[3].SyncHeld = true;
        Assert.True(cluster.RunUntil(() => !cluster[3].IsUp, 5_000), cluster.Status());
        cluster.Intercept = null;
        cluster.Start(3);
        cluster.AwaitLeader(expected: 2);
        cluster.Crash(2);
        var leader = cluster.AwaitLeader(expected: 3);
        Assert.True(leader.Holds(acknowledged), cluster.Status());
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-4925: a learner's sync path skipped the committed log, so a follower that caught
    /// up by DIFF had holes, and as leader it DIFFed them on. Server 1 catches up by DIFF, writes
    /// continue with it, then it leads and DIFF-syncs server 2, which is further behind.
    /// </summary>
    [Fact]
    public void Zk4925_FollowerCaughtUpByDiffLeadsAndDiffsAnother_NoHoles()
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        cluster.Crash(1);
        acknowledged.AddRange(cluster.Commit(3));
        cluster.Crash(2);
        cluster.Start(1);
        cluster.AwaitLeader(expected: 3);
        acknowledged.AddRange(cluster.Commit(3));
        cluster.Crash(3);
        cluster.Start(2);
        var leader = cluster.AwaitLeader(expected: 1);
        Assert.True(cluster[2].Holds(acknowledged), cluster.Status());
        cluster[1].AssertContiguousLog();
        cluster[2].AssertContiguousLog();
        Assert.True(leader.Holds(acknowledged));
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-4882: after a temporary disk error a follower held a committed txn in memory but
    /// not in its log (a hole), and lost it on restart. Server 2's next flush fails while writes
    /// continue; later it restarts and, the leader gone, leads: it must hold every write.
    /// </summary>
    [Fact]
    public void Zk4882_TemporaryDiskErrorOnAFollower_NoHoleAndNothingLost()
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        acknowledged.AddRange(cluster.Commit(3));
        var failed = false;
        cluster[2].Replica!.Faults = (_, op, buffered) =>
        {
            if (failed || op != StorageOp.Flush || buffered == 0)
                return StorageFault.None;
            failed = true;
            return new StorageFault(StorageFaultKind.DiskError);
        };
        for (var i = 0; i < 6; i++)
            acknowledged.Add(cluster.Write(cluster[3])!);
        cluster.AwaitLeader(withinMs: 20_000);
        acknowledged.AddRange(cluster.Commit(3));
        Assert.True(failed && cluster.DiskErrors == 1);
        cluster[2].AssertContiguousLog();
        cluster.Crash(2);
        cluster.Start(2);
        cluster.AwaitLeader();
        cluster.Crash(3);
        var leader = cluster.AwaitLeader(expected: 2);
        Assert.True(leader.Holds(acknowledged), cluster.Status());
        cluster.HealAndCheck(acknowledged);
    }
}
