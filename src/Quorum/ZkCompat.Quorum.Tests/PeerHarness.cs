using System.Text;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;
using ZkCompat.Quorum.Tests.Sim;

namespace ZkCompat.Quorum.Tests;

/// <summary>
/// One real <see cref="QuorumPeer"/> over a model replica and a recording network; the test
/// plays every other member by hand (votes, the leader's packets, the time).
/// </summary>
internal sealed class PeerHarness
{
    public const long Channel = 41;

    public PeerHarness(long myId, int voters = 3, int observers = 0, SimDisk? disk = null)
    {
        Disk = disk ?? new SimDisk();
        var members = Enumerable.Range(1, voters + observers)
            .Select(sid => new QuorumMember(sid, "h" + sid, 2888, 3888, sid > voters))
            .ToList();
        Config = new QuorumConfig { MyId = myId, Members = members, TickTimeMs = 100, InitLimit = 10, SyncLimit = 5 };
        Restart();
    }

    public QuorumConfig Config { get; }

    public SimDisk Disk { get; }

    public CommittedHistory History { get; } = new();

    public SimReplica Replica { get; private set; } = null!;

    public RecordingNetwork Network { get; private set; } = null!;

    public QuorumPeer Peer { get; private set; } = null!;

    public long NowMs { get; set; }

    /// <summary>A new peer over the same disk (a process restart); buffered writes are lost.</summary>
    public void Restart()
    {
        Replica = new SimReplica(Config.MyId, Disk, History, 0);
        Network = new RecordingNetwork();
        Peer = new QuorumPeer(Config, Replica, Network);
        Peer.Start(NowMs);
    }

    public static SimDisk DiskWith(long epoch, params Zxid[] zxids)
    {
        var disk = new SimDisk { AcceptedEpoch = epoch, CurrentEpoch = epoch };
        disk.Log.AddRange(zxids.Select(z => new LogEntry(z, Txn(z))));
        return disk;
    }

    public static byte[] Txn(Zxid zxid) => Encoding.UTF8.GetBytes("t" + zxid);

    public void Vote(long from, PeerState state, long leader, Zxid zxid, long round, long peerEpoch) =>
        Peer.OnVote(from, new Notification(state, leader, zxid.Value, round, peerEpoch, 2, []), NowMs);

    /// <summary>Makes the peer follow <paramref name="leader"/>, learned from settled voters, connected on <see cref="Channel"/>.</summary>
    public void FollowSettledLeader(long leader, long peerEpoch, params long[] followers)
    {
        Vote(leader, PeerState.Leading, leader, Zxid.Zero, 1, peerEpoch);
        foreach (var sid in followers)
            Vote(sid, PeerState.Following, leader, Zxid.Zero, 1, peerEpoch);
        Assert.Equal(PeerRole.Following, Peer.Role);
        Peer.OnLeaderConnected(Channel, NowMs);
    }

    public void FromLeader(QuorumPacketType type, Zxid zxid, byte[]? data = null) =>
        Peer.OnPacket(Channel, new QuorumPacket(type, zxid.Value, data), NowMs);

    public void LeaderInfo(int epoch) => FromLeader(QuorumPacketType.LeaderInfo, Zxid.Of(epoch, 0), EpochPayload.ToBytes(LearnerInfo.Version1_0));

    public void Proposal(Zxid zxid) => FromLeader(QuorumPacketType.Proposal, zxid, Txn(zxid));

    public void Commit(Zxid zxid) => FromLeader(QuorumPacketType.Commit, zxid);

    public List<QuorumPacket> Sent(QuorumPacketType type) => Network.Packets.Where(p => p.Packet.Type == type).Select(p => p.Packet).ToList();

    public List<Zxid> DurableLog() => Disk.Replay().Select(e => e.Zxid).ToList();
}
