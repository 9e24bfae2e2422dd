using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// One scripted schedule per data-loss bug of Java ZooKeeper (research/reliability.md §2): each
/// arranges the crash or the ordering the bug needed; the oracle checks after every step that an
/// established leader holds every committed txn, and at the end every server must hold every
/// acknowledged write. This part: crashes around NEWLEADER during a DIFF sync.
/// </summary>
public partial class KnownBugTests
{
    /// <summary>
    /// Server 1 misses five writes (leader 3, follower 2); then 3 dies and 2 leads, syncing 1 by
    /// DIFF. Server 1's disk is held (no Sync) while it syncs, so the DIFF txns are only buffered
    /// when NEWLEADER arrives: the window of ZOOKEEPER-4646.
    /// </summary>
    private static (Cluster Cluster, List<string> Acknowledged) DiffSyncOfServer1(Func<SimServer, SimEvent, DeliveryVerdict> intercept)
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        cluster.Crash(1);
        acknowledged.AddRange(cluster.Commit(5));
        cluster.Crash(3);
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 1 && ev.IsPacket(QuorumPacketType.NewLeader))
                server.SyncHeld = false;
            return intercept(server, ev);
        };
        cluster.Start(1);
        cluster[1].SyncHeld = true;
        return (cluster, acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-3023: the follower ACKed NEWLEADER before the DIFF txns were persisted. Crash the
    /// follower right after its NEWLEADER ACK and the leader right after counting it (all nodes
    /// down), keep the new leader down, restart the others: nothing committed may be lost.
    /// </summary>
    [Fact]
    public void Zk3023_CrashAllRightAfterTheNewLeaderAck_LosesNothing()
    {
        var (cluster, acknowledged) = DiffSyncOfServer1((server, ev) =>
            (server.Sid == 1 && ev.IsPacket(QuorumPacketType.NewLeader)) || (server.Sid == 2 && ev.From == 1 && ev.IsEpochAck())
                ? DeliveryVerdict.CrashAfter
                : DeliveryVerdict.Deliver);
        Assert.True(cluster.RunUntil(() => !cluster[1].IsUp && !cluster[2].IsUp, 5_000), cluster.Status());
        Assert.Contains(2L, cluster.History.LeaderOfEpoch.Values);
        cluster.Intercept = null;
        cluster.Start(1);
        cluster.Start(3);
        cluster.AwaitLeader();
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-3911: followers persisted DIFF txns only after UPTODATE, while the leader served
    /// after a quorum of NEWLEADER ACKs. Let the new leader commit more writes with the synced
    /// follower, then crash both, keep the leader down and restart the follower with the third.
    /// </summary>
    [Fact]
    public void Zk3911_FollowerAndLeaderDieAfterServing_TheFollowerKeepsEverything()
    {
        var (cluster, acknowledged) = DiffSyncOfServer1((_, _) => DeliveryVerdict.Deliver);
        cluster.AwaitLeader(expected: 2);
        acknowledged.AddRange(cluster.Commit(3));
        cluster.Crash(1);
        cluster.Crash(2);
        cluster.Start(1);
        cluster.Start(3);
        var leader = cluster.AwaitLeader();
        Assert.True(leader.Holds(acknowledged), cluster.Status());
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-4646: the follower sent its NEWLEADER ACK before the txns reached the disk. With
    /// the DIFF txns still buffered, the follower dies right after answering NEWLEADER; its ACK
    /// establishes the leader, which then dies too. The follower restarts with the old leader.
    /// </summary>
    [Fact]
    public void Zk4646_DeathRightAfterTheNewLeaderAckWithBufferedTxns_LosesNothing()
    {
        var (cluster, acknowledged) = DiffSyncOfServer1((server, ev) =>
            server.Sid == 1 && ev.IsPacket(QuorumPacketType.NewLeader) ? DeliveryVerdict.CrashAfter : DeliveryVerdict.Deliver);
        Assert.True(cluster.RunUntil(() => cluster.History.LeaderOfEpoch.Values.Contains(2), 5_000), "the ACK sent before dying establishes the leader\n" + cluster.Status());
        Assert.False(cluster[1].IsUp);
        Assert.Equal(acknowledged.Count, cluster[1].Disk.Log.Count(e => acknowledged.Contains(System.Text.Encoding.UTF8.GetString(e.Txn))));
        cluster.Crash(2);
        cluster.Start(1);
        cluster.Start(3);
        cluster.AwaitLeader();
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>
    /// ZOOKEEPER-4643: currentEpoch was written before the txns were persisted; a crash between
    /// left a server whose newer epoch wins elections with a stale log. Crash the follower at each
    /// durable write of its NEWLEADER handling (and in the middle of the flush), kill the leader,
    /// restart the follower with the old leader: whoever leads must hold every write.
    /// </summary>
    [Theory]
    [InlineData("Flush", "Crash")]
    [InlineData("Flush", "TornFlush")]
    [InlineData("SetCurrentEpoch", "Crash")]
    public void Zk4643_CrashBetweenTheEpochAndTheTxns_LosesNothing(string opName, string kindName)
    {
        var op = Enum.Parse<StorageOp>(opName);
        var kind = Enum.Parse<StorageFaultKind>(kindName);
        var (cluster, acknowledged) = DiffSyncOfServer1((_, _) => DeliveryVerdict.Deliver);
        var newLeaderSeen = false;
        var struck = false;
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 1 && ev.IsPacket(QuorumPacketType.NewLeader))
                newLeaderSeen = true;
            return DeliveryVerdict.Deliver;
        };
        cluster[1].Replica!.Faults = (_, o, buffered) =>
        {
            if (!newLeaderSeen || struck || o != op || (o == StorageOp.Flush && buffered == 0))
                return StorageFault.None;
            struck = true;
            return new StorageFault(kind, Keep: 2);
        };
        Assert.True(cluster.RunUntil(() => !cluster[1].IsUp, 5_000), "server 1 dies in its NEWLEADER handling\n" + cluster.Status());
        Assert.True(struck);
        cluster.Crash(2);
        cluster.Start(1);
        cluster.Start(3);
        cluster.AwaitLeader();
        cluster.HealAndCheck(acknowledged);
    }
}
