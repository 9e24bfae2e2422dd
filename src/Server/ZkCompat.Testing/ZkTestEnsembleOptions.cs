using Microsoft.Extensions.Logging;

namespace ZkCompat.Testing;

/// <summary>Settings for <see cref="ZkTestEnsemble"/>; the defaults suit unit tests.</summary>
public sealed record ZkTestEnsembleOptions
{
    /// <summary>zoo.cfg tickTime; small, so elections and session expiry are quick.</summary>
    public int TickTimeMs { get; init; } = 100;

    /// <summary>Ticks a learner has to connect and sync.</summary>
    public int InitLimit { get; init; } = 20;

    /// <summary>Ticks a synced learner may stay silent before it (or the leader) gives up.</summary>
    public int SyncLimit { get; init; } = 10;

    /// <summary>fsync the txn log before acknowledging (off by default in tests: faster, and a test process crash loses nothing a test checks).</summary>
    public bool ForceSync { get; init; }

    /// <summary>The parent of the members' data directories; a temporary directory, deleted on dispose, when null.</summary>
    public string? DataDir { get; init; }

    /// <summary>How long <see cref="ZkTestEnsemble.StartAsync"/> and the controls wait for a leader.</summary>
    public TimeSpan ElectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Logs of every member, or none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
