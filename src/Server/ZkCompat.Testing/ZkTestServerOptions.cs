using Microsoft.Extensions.Logging;

namespace ZkCompat.Testing;

/// <summary>How a <see cref="ZkTestServer"/> is set up. Every port is bound to 0; nothing here picks a port.</summary>
public sealed record ZkTestServerOptions
{
    /// <summary>tickTime; sessions may last 2 to 20 ticks (1 to 10 s by default), and expire within about a tick.</summary>
    public int TickTimeMs { get; init; } = 500;

    /// <summary>minSessionTimeout; null means 2 × tickTime.</summary>
    public int? MinSessionTimeoutMs { get; init; }

    /// <summary>maxSessionTimeout; null means 20 × tickTime.</summary>
    public int? MaxSessionTimeoutMs { get; init; }

    /// <summary>An existing data directory to use and keep; null makes a temporary one, deleted on dispose.</summary>
    public string? DataDir { get; init; }

    /// <summary>Starts the AdminServer (HTTP JSON, /commands) on a free loopback port.</summary>
    public bool AdminServer { get; init; } = true;

    /// <summary>Starts the Prometheus endpoint (/metrics) on a free loopback port.</summary>
    public bool Metrics { get; init; }

    /// <summary>4lw.commands.whitelist; all words by default (srvr is always allowed).</summary>
    public string FourLetterWhitelist { get; init; } = "*";

    /// <summary>fsync the txn log (forceSync); off by default, which is faster and safe for tests that do not crash the machine.</summary>
    public bool ForceSync { get; init; }

    /// <summary>
    /// Further settings as Java's system properties (a zoo.cfg key k becomes zookeeper.k), e.g.
    /// <c>["zookeeper.extendedTypesEnabled"] = "true"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the server logs; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
