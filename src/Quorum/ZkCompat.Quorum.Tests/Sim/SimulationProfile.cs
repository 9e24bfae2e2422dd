namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>How hostile one seeded run is; every rate is per 10 ms step unless said otherwise.</summary>
internal sealed record SimulationProfile
{
    public double CrashRate { get; init; }

    public double RestartRate { get; init; }

    public double PartitionRate { get; init; }

    public double HealRate { get; init; }

    public double BreakRate { get; init; }

    /// <summary>Per delivery: die after handling it, before Sync.</summary>
    public double CrashAfterDeliveryRate { get; init; }

    /// <summary>Per durable write: crash before it (or tear a flush).</summary>
    public double StorageCrashRate { get; init; }

    public double WriteRate { get; init; }

    public int FaultPhaseMs { get; init; } = 6000;

    /// <summary>Time allowed after healing for a leader to be established with every server synced.</summary>
    public int ElectionBoundMs { get; init; } = 20_000;

    /// <summary>Client writes after the leader is back, before the quiet check.</summary>
    public int HealedLoadMs { get; init; } = 1000;

    /// <summary>Picks the ensemble and the fault rates from the seed.</summary>
    public static (ClusterOptions Options, SimulationProfile Profile, NetworkSettings Network) FromSeed(int seed)
    {
        var r = new Random(unchecked(seed * 7919 + 17));
        var options = new ClusterOptions
        {
            Seed = seed,
            Voters = r.NextDouble() < 0.6 ? 3 : 5,
            Observers = r.NextDouble() < 0.3 ? 1 : 0,
            MaxLogEntries = r.NextDouble() < 0.5 ? 0 : r.Next(2, 20),
            SyncEachDelivery = r.NextDouble(),
            TraceLines = 0,
        };
        var profile = new SimulationProfile
        {
            CrashRate = r.NextDouble() * 0.004,
            RestartRate = 0.005 + (r.NextDouble() * 0.03),
            PartitionRate = r.NextDouble() * 0.003,
            HealRate = 0.002 + (r.NextDouble() * 0.02),
            BreakRate = r.NextDouble() * 0.003,
            CrashAfterDeliveryRate = r.NextDouble() * 0.002,
            StorageCrashRate = r.NextDouble() * 0.005,
            WriteRate = 0.02 + (r.NextDouble() * 0.3),
        };
        var network = new NetworkSettings
        {
            MaxDelayMs = r.Next(2, 40),
            VoteDropRate = r.NextDouble() * 0.3,
            VoteDuplicateRate = r.NextDouble() * 0.2,
        };
        return (options, profile, network);
    }
}
