namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>What one seeded run did, for the sweep's summary.</summary>
internal sealed record SimulationOutcome(int Seed, int Servers, long Writes, int Committed, int LeaderApplies, int Crashes, long ElectionAfterHealMs);
