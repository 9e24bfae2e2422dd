using System.Text;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>Scripted schedule for the TRUNC case: an old leader with a txn nobody else has.</summary>
public partial class KnownBugTests
{
    /// <summary>
    /// ZOOKEEPER-5094: a follower interrupted during a TRUNC sync kept an in-memory state ahead of
    /// its log, and a restart lost data. Leader 3 logs a txn after being cut off; 2 leads without
    /// it; when 3 rejoins, Java would TRUNC it, our leader sends SNAP (see Leading.SyncLearner).
    /// The connection breaks right after that, before NEWLEADER; 3 reconnects, syncs, restarts:
    /// its log has no hole, the orphan txn is gone everywhere, nothing acknowledged is lost.
    /// </summary>
    [Fact]
    public void Zk5094_SyncOfAnOldLeaderBreaksBeforeNewLeader_NoHoleNothingLost()
    {
        var cluster = Scripted.Create();
        var acknowledged = cluster.Boot(leader: 3);
        acknowledged.AddRange(cluster.Commit(2));
        cluster.Fabric.Partition([[3], [1, 2]]);
        var orphan = cluster.Write(cluster[3])!;
        Assert.True(cluster.RunUntil(() => cluster[2].IsEstablishedLeader && cluster[1].Peer is { IsServing: true, LeaderSid: 2 } && !cluster[3].Peer!.IsServing, 5_000), cluster.Status());
        Assert.Contains(cluster[3].Disk.Log.Concat(cluster[3].Disk.Snapshot), e => Encoding.UTF8.GetString(e.Txn) == orphan);
        var syncs = new List<QuorumPacketType>();
        cluster.Intercept = (server, ev) =>
        {
            if (server.Sid == 3 && ev.Kind == SimEventKind.Packet && ev.Packet!.Type is QuorumPacketType.Diff or QuorumPacketType.Trunc or QuorumPacketType.Snap)
            {
                syncs.Add(ev.Packet.Type);
                if (syncs.Count == 1)
                    cluster.Fabric.Break(cluster.Fabric.Channels.Single(c => c.Id == ev.Channel), loseInFlight: true);
            }

            return DeliveryVerdict.Deliver;
        };
        cluster.Fabric.Heal();
        cluster.AwaitLeader(expected: 2);
        Assert.Equal([QuorumPacketType.Snap, QuorumPacketType.Snap], syncs);
        cluster.Crash(3);
        cluster.Start(3);
        cluster.AwaitLeader(expected: 2);
        cluster[3].AssertContiguousLog();
        Assert.False(cluster[3].Holds([orphan]));
        cluster.HealAndCheck(acknowledged);
        Assert.DoesNotContain(orphan, cluster.History.Acknowledged);
    }
}
