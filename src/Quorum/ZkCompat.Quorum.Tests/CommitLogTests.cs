using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// How far behind a learner may be and still be DIFFed: the leader's in-memory committed log
/// (zookeeper.commitLogCount, Java keeps one txn more than the count), then its txn log on disk
/// (zookeeper.snapshotSizeFactor ≥ 0). Server 1 misses writes; which sync it gets when it comes back.
/// </summary>
public class CommitLogTests
{
    private const int CommitLogCount = 5;

    [Fact]
    public void LearnerCommitLogCountBehind_IsDiffed_OneMore_IsSnapped_WithTheTxnLogOff()
    {
        var cluster = Scripted.Create(commitLogCount: CommitLogCount, snapshotSizeFactor: -1);
        var acknowledged = cluster.Boot(leader: 3);

        Assert.Equal(QuorumPacketType.Diff, Rejoin(cluster, missed: CommitLogCount, acknowledged));
        Assert.Equal(QuorumPacketType.Snap, Rejoin(cluster, missed: CommitLogCount + 1, acknowledged));
        cluster.HealAndCheck(acknowledged);
    }

    [Fact]
    public void LearnerBehindTheCommittedLog_IsDiffedFromTheTxnLog()
    {
        var cluster = Scripted.Create(commitLogCount: CommitLogCount);
        var acknowledged = cluster.Boot(leader: 3);

        Assert.Equal(QuorumPacketType.Diff, Rejoin(cluster, missed: (3 * CommitLogCount) + 1, acknowledged));
        Assert.Contains("Syncing follower 1 by DIFF from the txn log", cluster.Trace(), StringComparison.Ordinal);
        cluster.HealAndCheck(acknowledged);
    }

    [Fact]
    public void LearnerBehindATxnLogThatDoesNotReachBack_IsSnapped()
    {
        // Replicas compact their logs beyond 3 entries: the leader's log starts after server 1's last txn.
        var cluster = Scripted.Create(maxLogEntries: 3, commitLogCount: CommitLogCount);
        var acknowledged = cluster.Boot(leader: 3);

        Assert.Equal(QuorumPacketType.Snap, Rejoin(cluster, missed: (3 * CommitLogCount) + 1, acknowledged));
        cluster.HealAndCheck(acknowledged);
    }

    [Fact]
    public void CommitLogCountOfIntMax_KeepsEveryCommittedTxn()
    {
        var cluster = Scripted.Create(commitLogCount: int.MaxValue, snapshotSizeFactor: -1);
        var acknowledged = cluster.Boot(leader: 3);

        Assert.Equal(QuorumPacketType.Diff, Rejoin(cluster, missed: 40, acknowledged));
        cluster.HealAndCheck(acknowledged);
    }

    /// <summary>Crashes server 1, commits <paramref name="missed"/> writes, restarts it: the first sync packet it gets.</summary>
    private static QuorumPacketType Rejoin(Cluster cluster, int missed, List<string> acknowledged)
    {
        cluster.Crash(1);
        acknowledged.AddRange(cluster.Commit(missed));
        QuorumPacketType? sync = null;
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 1 && sync is null && ev.Kind == SimEventKind.Packet
                && ev.Packet!.Type is QuorumPacketType.Diff or QuorumPacketType.Trunc or QuorumPacketType.Snap)
            {
                sync = ev.Packet.Type;
            }

            return DeliveryVerdict.Deliver;
        };
        cluster.Start(1);
        cluster.AssertEveryoneHolds(acknowledged);
        cluster.Intercept = null;
        return sync ?? throw cluster.Failure("server 1 got no DIFF, TRUNC or SNAP");
    }
}
