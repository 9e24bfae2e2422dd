namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>One ensemble member: its disk survives crashes; its peer and replica live one incarnation.</summary>
internal sealed class SimServer(long sid, bool isObserver)
{
    public long Sid { get; } = sid;

    public bool IsObserver { get; } = isObserver;

    public SimDisk Disk { get; } = new();

    /// <summary>Bumped at every start, so that deliveries meant for an earlier life are dropped.</summary>
    public int Incarnation { get; set; }

    public QuorumPeer? Peer { get; set; }

    public SimReplica? Replica { get; set; }

    public bool IsUp => Peer is not null;

    /// <summary>A slow disk: the driver does not call Sync while set (scripted tests).</summary>
    public bool SyncHeld { get; set; }

    /// <summary>Crash as soon as the current call into the peer returns (scripted tests).</summary>
    public bool CrashRequested { get; set; }

    public int Crashes { get; set; }

    public bool IsEstablishedLeader => Peer is { Role: PeerRole.Leading, IsServing: true };

    public override string ToString() => $"server {Sid}";
}
