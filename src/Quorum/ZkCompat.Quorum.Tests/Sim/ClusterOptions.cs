namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>The shape of a simulated ensemble and the timing of its peers.</summary>
internal sealed record ClusterOptions
{
    public int Seed { get; init; }

    public int Voters { get; init; } = 3;

    public int Observers { get; init; }

    public int StepMs { get; init; } = 10;

    public int TickTimeMs { get; init; } = 100;

    public int InitLimit { get; init; } = 10;

    public int SyncLimit { get; init; } = 5;

    /// <summary>Replicas snapshot and drop older log entries beyond this many (0 = never): DIFF turns into SNAP.</summary>
    public int MaxLogEntries { get; init; }

    /// <summary>zookeeper.commitLogCount of every peer (Java's floor of 500 is the config reader's, not the core's).</summary>
    public int CommitLogCount { get; init; } = 500;

    /// <summary>zookeeper.snapshotSizeFactor of every peer; negative turns DIFF from the txn log off.</summary>
    public double SnapshotSizeFactor { get; init; } = 0.33;

    /// <summary>Chance that the driver calls Sync right after a delivery rather than at the end of the step.</summary>
    public double SyncEachDelivery { get; init; } = 0.5;

    /// <summary>Lines of trace kept for the failure message.</summary>
    public int TraceLines { get; init; } = 400;
}
