using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// What survives a crash of one server: the epoch files, the last snapshot (the applied txns it
/// holds, all of them known committed) and the durable part of the txn log after it.
/// </summary>
internal sealed class SimDisk
{
    public long AcceptedEpoch { get; set; }

    public long CurrentEpoch { get; set; }

    /// <summary>currentEpoch.tmp: staged by a NEWLEADER, read at start if the log is ahead.</summary>
    public long? StagedCurrentEpoch { get; set; }

    public List<LogEntry> Snapshot { get; set; } = [];

    public Zxid SnapshotZxid { get; set; }

    public List<LogEntry> Log { get; } = [];

    public Zxid LastLogged => Log.Count > 0 ? Log[^1].Zxid : SnapshotZxid;

    /// <summary>Snapshot then log: the state a restart replays.</summary>
    public IEnumerable<LogEntry> Replay() => Snapshot.Concat(Log);
}
