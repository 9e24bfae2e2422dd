using System.Net;
using ZkCompat.Protocol.Framing;

namespace ZkCompat.Server.Options;

/// <summary>Typed server configuration, read from zoo.cfg by the host (PROTOCOL.md §9).</summary>
public sealed record ServerOptions
{
    public int TickTimeMs { get; init; } = 3000;

    public int ClientPort { get; init; }

    public IPAddress ClientPortAddress { get; init; } = IPAddress.Any;

    public string DataDir { get; init; } = "";

    public string DataLogDir { get; init; } = "";

    /// <summary>-1 means the default, 2 × tickTime.</summary>
    public int MinSessionTimeoutMs { get; init; } = -1;

    /// <summary>-1 means the default, 20 × tickTime.</summary>
    public int MaxSessionTimeoutMs { get; init; } = -1;

    /// <summary>Connections per client IP; 0 = unlimited.</summary>
    public int MaxClientCnxns { get; init; } = 60;

    /// <summary>zookeeper.maxCnxns: client connections in all; 0 = unlimited. One more is reset at accept, as in Java.</summary>
    public int MaxConnections { get; init; }

    /// <summary>clientPortListenBacklog as written; -1 (unset) and anything below 1 mean Java's 50 (see <see cref="ListenBacklog"/>).</summary>
    public int ClientPortListenBacklog { get; init; } = -1;

    /// <summary>The backlog the client port listens with: Java's ServerSocketChannel takes values below 1 as 50.</summary>
    public int ListenBacklog => ClientPortListenBacklog < 1 ? 50 : ClientPortListenBacklog;

    /// <summary>zookeeper.clientTcpKeepAlive: SO_KEEPALIVE on every accepted client socket.</summary>
    public bool ClientTcpKeepAlive { get; init; }

    /// <summary>The zookeeper.connection_throttle_* settings; off by default.</summary>
    public ConnectionThrottleOptions ConnectionThrottle { get; init; } = ConnectionThrottleOptions.Disabled;

    /// <summary>jute.maxbuffer, a JVM property in Java (§1.3).</summary>
    public int MaxFrameBytes { get; init; } = FrameReader.DefaultMaxFrameBytes;

    /// <summary>A connection that sends no ConnectRequest within this time is dropped (Java's zookeeper.nio.sessionlessCnxnTimeout, default 10 s).</summary>
    public int SessionlessConnectionTimeoutMs { get; init; } = DefaultSessionlessConnectionTimeoutMs;

    internal const int DefaultSessionlessConnectionTimeoutMs = 10_000;

    /// <summary>Standalone servers make session ids with server id 1 (§2.4).</summary>
    public long ServerId { get; init; } = 1;

    /// <summary>Properties as Java would see them: unknown zoo.cfg keys become zookeeper.&lt;key&gt; (§9.1).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public int EffectiveMinSessionTimeoutMs => MinSessionTimeoutMs < 0 ? 2 * TickTimeMs : MinSessionTimeoutMs;

    public int EffectiveMaxSessionTimeoutMs => MaxSessionTimeoutMs < 0 ? 20 * TickTimeMs : MaxSessionTimeoutMs;

    /// <summary>autopurge.snapRetainCount: snapshots kept by the purge task (at least 3, as in Java).</summary>
    public int SnapRetainCount { get; init; } = 3;

    /// <summary>autopurge.purgeInterval in hours; 0 disables purging.</summary>
    public int PurgeIntervalHours { get; init; }

    /// <summary>zookeeper.forceSync: "no" skips fsync of the txn log.</summary>
    public bool ForceSync => Property("zookeeper.forceSync") != "no";

    /// <summary>zookeeper.snapCount: a snapshot follows every snapCount/2 + rand(snapCount/2) txns (at least 2).</summary>
    public int SnapCount => Math.Max(2, IntProperty("zookeeper.snapCount", 100_000));

    /// <summary>
    /// zookeeper.snapSizeLimitInKb in bytes (read as Java's Long.getLong, default 4 GiB, times 1024
    /// with Java's silent overflow): a snapshot also follows once the txn log since the last one is
    /// larger than half of it plus a random share. 0 or less leaves size out (the host refuses
    /// exactly 0, on which Java's snapshot thread dies).
    /// </summary>
    public long SnapSizeLimitBytes => unchecked((JavaNumbers.DecodeLong(Property("zookeeper.snapSizeLimitInKb")) ?? DefaultSnapSizeLimitKb) * 1024);

    public const long DefaultSnapSizeLimitKb = 4_194_304;

    /// <summary>zookeeper.preAllocSize (KiB): the txn log grows in steps of this size.</summary>
    public long PreAllocBytes => IntProperty("zookeeper.preAllocSize", 65536) * 1024L;

    /// <summary>
    /// zookeeper.snapshot.compression.method (gz, snappy, or none): how new snapshots are written.
    /// The host refuses a value outside those at start; here it falls back to none.
    /// </summary>
    internal Persistence.SnapshotCompression SnapshotCompression =>
        Persistence.SnapshotCodec.TryParseSetting(Property(SnapshotCompressionProperty), out var compression) ? compression : default;

    internal const string SnapshotCompressionProperty = "zookeeper.snapshot.compression.method";

    /// <summary>zookeeper.datadir.autocreate: anything but true (ignoring case) refuses a missing version-2 directory, as Java.</summary>
    public bool AutocreateDataDir => Property("zookeeper.datadir.autocreate") is not { } value || value.Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>zookeeper.snapshot.trust.empty: start from logs alone when no snapshot exists.</summary>
    public bool TrustEmptySnapshot => Property("zookeeper.snapshot.trust.empty") == "true";

    /// <summary>znode.container.checkIntervalMs (a JVM property in Java): how often containers and TTL nodes are checked.</summary>
    public int ContainerCheckIntervalMs => Math.Max(1, IntProperty("znode.container.checkIntervalMs", 60_000));

    /// <summary>znode.container.maxPerMinute: at most this many container/TTL deletions a minute.</summary>
    public int ContainerMaxPerMinute => Math.Max(1, IntProperty("znode.container.maxPerMinute", 10_000));

    /// <summary>znode.container.maxNeverUsedIntervalMs: a never-used container goes after this long; 0 = never.</summary>
    public int ContainerMaxNeverUsedIntervalMs => IntProperty("znode.container.maxNeverUsedIntervalMs", 0);

    /// <summary>java.security.auth.login.config: the JAAS file whose server section lists SASL DIGEST-MD5 users.</summary>
    public string? JaasConfigPath => Property("java.security.auth.login.config");

    /// <summary>zookeeper.sasl.serverconfig: the JAAS section to read (default Server).</summary>
    public string JaasSection => Property("zookeeper.sasl.serverconfig") ?? "Server";

    /// <summary>zookeeper.superUser: a SASL user who is also super.</summary>
    public string? SuperUser => Property("zookeeper.superUser");

    /// <summary>True when an authProvider.N line registers Java's SASLAuthenticationProvider, which makes sasl ACLs valid.</summary>
    public bool SaslAclsEnabled => Properties.Any(p => p.Key.StartsWith("zookeeper.authProvider.", StringComparison.Ordinal)
        && p.Value.EndsWith("SASLAuthenticationProvider", StringComparison.Ordinal));

    /// <summary>zookeeper.enforceQuota: hard quota limits refuse writes with QUOTAEXCEEDED.</summary>
    public bool EnforceQuota => Property("zookeeper.enforceQuota") == "true";

    /// <summary>zookeeper.globalOutstandingLimit: requests in flight across all connections before reading pauses.</summary>
    public int GlobalOutstandingLimit => Math.Max(1, IntProperty("zookeeper.globalOutstandingLimit", 1000));

    public bool ExtendedTypesEnabled => Property("zookeeper.extendedTypesEnabled") == "true";

    /// <summary>zookeeper.skipACL: only the exact text "yes" skips every ACL check (Java compares with equals, so "true" does not).</summary>
    public bool SkipAcl => Property("zookeeper.skipACL") == "yes";

    /// <summary>
    /// zookeeper.digest.enabled, default true: Java's Boolean.parseBoolean, so a value other than
    /// "true" in any case (even "yes" or empty) turns the tree digest off.
    /// </summary>
    public bool DigestEnabled => Property("zookeeper.digest.enabled") is not { } value || value.Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// zookeeper.fsync.warningthresholdms, else the JVM property fsync.warningthresholdms, else 1000:
    /// a txn log fsync that takes longer is logged and counted. Each is read as Java's Long.getLong
    /// (Long.decode: decimal, 0x/# hex, 0 octal); an unreadable value counts as unset.
    /// </summary>
    public long FsyncWarningThresholdMs =>
        JavaNumbers.TryDecodeLong(Property("zookeeper.fsync.warningthresholdms"), out var value)
        || JavaNumbers.TryDecodeLong(Property("fsync.warningthresholdms"), out value)
            ? value
            : 1000;

    public string? SuperDigest => Property("zookeeper.DigestAuthenticationProvider.superDigest");

    /// <summary>The zoo.cfg text the server was started with (the admin command initial_configuration).</summary>
    public string ConfigText { get; init; } = "";

    /// <summary>4lw.commands.whitelist (§8.1): comma-separated names or *; unset means srvr only.</summary>
    public string? FourLetterWhitelist => Property("zookeeper.4lw.commands.whitelist");

    /// <summary>readonlymode.enabled (a JVM property): makes isro whitelisted (§8.1).</summary>
    public bool ReadOnlyModeEnabled => Property("readonlymode.enabled") == "true";

    /// <summary>admin.enableServer (§8.2): only the literal "false" disables the AdminServer.</summary>
    public bool AdminServerEnabled => Property("zookeeper.admin.enableServer") != "false";

    /// <summary>admin.serverAddress (§8.2), default 0.0.0.0.</summary>
    public string AdminServerAddress => Property("zookeeper.admin.serverAddress") ?? "0.0.0.0";

    /// <summary>admin.serverPort (§8.2), default 8080; 0 binds a free port.</summary>
    public int AdminServerPort => IntProperty("zookeeper.admin.serverPort", 8080);

    /// <summary>admin.commandURL (§8.2), default /commands.</summary>
    public string AdminCommandUrl => Property("zookeeper.admin.commandURL") ?? "/commands";

    /// <summary>metricsProvider.className (§9.2); Java's PrometheusMetricsProvider turns the metrics endpoint on.</summary>
    public string? MetricsProviderClassName => Property("metricsProvider.className");

    /// <summary>metricsProvider.httpHost, default 0.0.0.0.</summary>
    public string MetricsHttpHost => Property("metricsProvider.httpHost") ?? "0.0.0.0";

    /// <summary>metricsProvider.httpPort, default 7000; 0 binds a free port.</summary>
    public int MetricsHttpPort => IntProperty("metricsProvider.httpPort", 7000);

    public string? Property(string name) => Properties.GetValueOrDefault(name);

    /// <summary>Like Java's Integer.getInteger: a missing or unreadable value gives the default.</summary>
    private int IntProperty(string name, int fallback) =>
        int.TryParse(Property(name), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
