using System.Text;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// Helpers for scripted schedules: a quiet cluster (fixed 5 ms delays, no random faults, Sync
/// after every delivery) that a test steers with crashes, held disks and interceptions.
/// </summary>
internal static class Scripted
{
    public static Cluster Create(int voters = 3, int observers = 0, int maxLogEntries = 0, int commitLogCount = 500, double snapshotSizeFactor = 0.33)
    {
        var cluster = new Cluster(new ClusterOptions
        {
            Seed = 7,
            Voters = voters,
            Observers = observers,
            MaxLogEntries = maxLogEntries,
            CommitLogCount = commitLogCount,
            SnapshotSizeFactor = snapshotSizeFactor,
            SyncEachDelivery = 1,
            TraceLines = 3000,
        });
        cluster.Fabric.Settings.MinDelayMs = 5;
        cluster.Fabric.Settings.MaxDelayMs = 5;
        return cluster;
    }

    /// <summary>
    /// Starts every server, waits for <paramref name="leader"/> to lead them all and commits one
    /// first write everywhere, so that a server restarted later is DIFFed, not SNAPed, from it.
    /// </summary>
    public static List<string> Boot(this Cluster cluster, long leader)
    {
        cluster.StartAll();
        cluster.AwaitLeader(expected: leader);
        return cluster.Commit(1);
    }

    /// <summary>Runs until one leader is established and every running server serves under it.</summary>
    public static SimServer AwaitLeader(this Cluster cluster, long? expected = null, int withinMs = 10_000)
    {
        bool Settled() => cluster.EstablishedLeader is { } l && cluster.Servers.Where(s => s.IsUp).All(s => s.Peer!.IsServing && s.Peer.LeaderSid == l.Sid);
        if (!cluster.RunUntil(Settled, withinMs))
            throw cluster.Failure("no leader established with every running server");
        var leader = cluster.EstablishedLeader!;
        if (expected is { } sid && leader.Sid != sid)
            throw cluster.Failure($"expected server {sid} to lead, server {leader.Sid} does");
        return leader;
    }

    /// <summary>Writes through <paramref name="via"/> (the leader by default) and waits until every running server applied them.</summary>
    public static List<string> Commit(this Cluster cluster, int count, long? via = null, int withinMs = 5_000)
    {
        var through = via is { } sid ? cluster[sid] : cluster.EstablishedLeader ?? throw cluster.Failure("no leader to write through");
        var txns = new List<string>();
        for (var i = 0; i < count; i++)
            txns.Add(cluster.Write(through) ?? throw cluster.Failure($"server {through.Sid} does not take writes"));
        if (!cluster.RunUntil(() => cluster.Servers.Where(s => s.IsUp).All(s => s.Holds(txns)), withinMs))
            throw cluster.Failure($"writes {string.Join(",", txns)} not applied everywhere");
        return txns;
    }

    /// <summary>Every server up, no partition; then everyone must hold the whole committed sequence.</summary>
    public static void HealAndCheck(this Cluster cluster, IEnumerable<string>? mustHold = null)
    {
        cluster.Fabric.Heal();
        cluster.StartAll();
        if (!cluster.RunUntil(cluster.Converged, 20_000))
            throw cluster.Failure("not converged after healing");
        cluster.CheckConverged();
        foreach (var server in cluster.Servers)
            Assert.True(server.Holds(mustHold ?? []), $"server {server.Sid} lost acknowledged writes\n{cluster.Status()}");
    }

    public static bool Holds(this SimServer server, IEnumerable<string> txns)
    {
        if (server.Replica is not { } replica)
            return false;
        var held = replica.State.Entries.Select(e => Encoding.UTF8.GetString(e.Txn)).ToHashSet();
        return txns.All(held.Contains);
    }

    public static bool IsPacket(this SimEvent ev, QuorumPacketType type) => ev.Kind == SimEventKind.Packet && ev.Packet!.Type == type;

    /// <summary>The ACK of NEWLEADER (or UPTODATE): an ACK whose counter is 0 (§11.4).</summary>
    public static bool IsEpochAck(this SimEvent ev) => ev.IsPacket(QuorumPacketType.Ack) && (uint)ev.Packet!.Zxid == 0;

    /// <summary>The durable log has no holes: each zxid follows the one before in its epoch, or opens a new one.</summary>
    public static void AssertContiguousLog(this SimServer server)
    {
        var zxids = server.Disk.Replay().Select(e => e.Zxid).ToList();
        for (var i = 1; i < zxids.Count; i++)
        {
            var follows = zxids[i].Value == zxids[i - 1].Value + 1 || (zxids[i].Epoch > zxids[i - 1].Epoch && zxids[i].Counter == 1);
            Assert.True(follows, $"server {server.Sid}: {zxids[i]} follows {zxids[i - 1]} in its log");
        }
    }

    /// <summary>Every running server holds <paramref name="txns"/> once it is synced again.</summary>
    public static void AssertEveryoneHolds(this Cluster cluster, IReadOnlyCollection<string> txns, int withinMs = 10_000)
    {
        if (!cluster.RunUntil(() => cluster.Servers.Where(s => s.IsUp).All(s => s.Peer!.IsServing && s.Holds(txns)), withinMs))
            throw cluster.Failure("acknowledged writes missing on a running server");
    }
}
