namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>How the simulated network misbehaves; changed freely while a simulation runs.</summary>
internal sealed class NetworkSettings
{
    public int MinDelayMs { get; set; } = 1;

    public int MaxDelayMs { get; set; } = 20;

    /// <summary>Chance that an election notification is lost (votes only: quorum channels are TCP).</summary>
    public double VoteDropRate { get; set; }

    /// <summary>Chance that an election notification arrives twice.</summary>
    public double VoteDuplicateRate { get; set; }

    /// <summary>How long a connect to an unreachable (partitioned) leader takes to fail.</summary>
    public int ConnectTimeoutMs { get; set; } = 500;
}
