using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config.Catalog;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// Turns zoo.cfg into <see cref="HostConfig"/> (PROTOCOL.md §9): the server's options, and the
/// ensemble when the file makes this server a quorum member (§9.3). Other keys are kept as Java
/// keeps them, as the property zookeeper.&lt;key&gt;; every key and -D property is then held against
/// the catalog of settings (<see cref="ConfigAudit"/>): refused, or reported back to be logged.
/// </summary>
internal static class ZooCfg
{
    public static (HostConfig Config, List<ConfigNote> Notes) Load(string path, IReadOnlyDictionary<string, string>? systemProperties = null)
    {
        if (!File.Exists(path))
            throw new ConfigException($"{path} file is missing");
        // Like Java, relative directories are relative to the working directory, not to zoo.cfg.
        var text = File.ReadAllText(path);
        var (config, notes) = Parse(text.ReplaceLineEndings("\n").Split('\n'), Directory.GetCurrentDirectory(), systemProperties);
        return (config with { Server = config.Server with { ConfigText = text } }, notes);
    }

    /// <summary>
    /// zoo.cfg over the JVM-style system properties: like Java, a zoo.cfg key mapped to
    /// zookeeper.&lt;key&gt; overrides a -D property of the same name, and jute.maxbuffer is a -D property only.
    /// </summary>
    /// <param name="readFile">Reads dataDir/myid and the dynamicConfigFile: the text, or null when there is no such file.</param>
    public static (HostConfig Config, List<ConfigNote> Notes) Parse(
        IEnumerable<string> lines, string baseDir, IReadOnlyDictionary<string, string>? systemProperties = null, Func<string, string?>? readFile = null)
    {
        var options = new ServerOptions();
        var properties = new Dictionary<string, string>(systemProperties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (properties.TryGetValue("jute.maxbuffer", out var maxBuffer) && int.TryParse(maxBuffer, NumberStyles.None, CultureInfo.InvariantCulture, out var maxFrameBytes))
            options = options with { MaxFrameBytes = maxFrameBytes };
        var notes = new List<ConfigNote>();
        int? clientPortLine = null;
        string? clientPortAddress = null;
        var clientPortAddressLine = 0;
        var entries = PropertiesFile.Parse(lines);
        var quorumKeys = new QuorumKeys();
        var hasDynamicFile = entries.Exists(e => e.Key == "dynamicConfigFile");
        foreach (var (key, value, line) in entries)
        {
            if (quorumKeys.Read(key, value, line, hasDynamicFile))
            {
                properties[key] = value;
                continue;
            }

            switch (key)
            {
                case "tickTime":
                    options = options with { TickTimeMs = Positive(key, value, line) };
                    break;
                case "clientPort":
                    options = options with { ClientPort = Port(key, value, line) };
                    clientPortLine = line;
                    break;
                case "clientPortAddress":
                    (clientPortAddress, clientPortAddressLine) = (value, line);
                    break;
                case "dataDir":
                    options = options with { DataDir = Path.GetFullPath(value, baseDir) };
                    break;
                case "dataLogDir":
                    options = options with { DataLogDir = Path.GetFullPath(value, baseDir) };
                    break;
                case "minSessionTimeout":
                    options = options with { MinSessionTimeoutMs = Int(key, value, line) };
                    break;
                case "maxSessionTimeout":
                    options = options with { MaxSessionTimeoutMs = Int(key, value, line) };
                    break;
                case "maxClientCnxns":
                    // Java treats zero and negative values alike: no limit.
                    options = options with { MaxClientCnxns = Math.Max(0, Int(key, value, line)) };
                    break;
                case "clientPortListenBacklog":
                    // Integer.parseInt in QuorumPeerConfig: a value it cannot read stops the start.
                    options = options with { ClientPortListenBacklog = Int(key, value, line) };
                    break;
                case "autopurge.snapRetainCount":
                    // Java raises values below 3 to 3.
                    options = options with { SnapRetainCount = Math.Max(3, Int(key, value, line)) };
                    break;
                case "autopurge.purgeInterval":
                    options = options with { PurgeIntervalHours = Int(key, value, line) };
                    break;
                default:
                    Keep(key, value, properties);
                    break;
            }
        }

        if (clientPortAddress is not null)
            options = options with { ClientPortAddress = Address(clientPortAddress, clientPortAddressLine, clientPortLine) };
        options = Validate(ConnectionKeys.Apply(options with
        {
            Properties = properties,
            SessionlessConnectionTimeoutMs = JavaSyntax.Decode(properties.GetValueOrDefault("zookeeper.nio.sessionlessCnxnTimeout")) ?? ServerOptions.DefaultSessionlessConnectionTimeoutMs,
        }, notes));
        CheckSnapSizeLimit(options, notes);
        readFile ??= ReadIfFile;
        // Java's QuorumServer reads the JVM property, not the zoo.cfg key, to allow '|' lists.
        var multiAddress = properties.GetValueOrDefault("zookeeper.multiAddress.enabled")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false;
        var (members, version) = Membership.Read(quorumKeys, entries.Select(e => e.Key), baseDir, readFile, multiAddress);
        var (server, quorum) = QuorumSetup.Apply(options, quorumKeys, members, version, readFile, notes);
        ConfigAudit.Check(entries, systemProperties ?? new Dictionary<string, string>(), quorum is not null, notes);
        return (new HostConfig(server, quorum), notes);
    }

    private static string? ReadIfFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>
    /// QuorumPeerConfig keeps its own keys (metricsProvider.* for the provider, §9.2); any other
    /// key becomes the system property zookeeper.&lt;key&gt;, as in Java.
    /// </summary>
    private static void Keep(string key, string value, Dictionary<string, string> properties) =>
        properties[ConfigCatalog.IsZooCfgKey(key) ? key : "zookeeper." + key] = value;

    private static ServerOptions Validate(ServerOptions options)
    {
        if (options.DataDir.Length == 0)
            throw new ConfigException("dataDir is not set");
        if (options.DataLogDir.Length == 0)
            options = options with { DataLogDir = options.DataDir };
        if (!SnapshotCodec.TryParseSetting(options.Property(ServerOptions.SnapshotCompressionProperty), out _))
        {
            throw new ConfigException($"snapshot.compression.method is '{options.Property(ServerOptions.SnapshotCompressionProperty)}'; "
                + $"ZkCompat takes {SnapshotCodec.Choices} (Java would quietly write uncompressed snapshots)");
        }

        if (options.EffectiveMinSessionTimeoutMs > options.EffectiveMaxSessionTimeoutMs)
            throw new ConfigException($"minSessionTimeout ({options.EffectiveMinSessionTimeoutMs}) must not be larger than maxSessionTimeout ({options.EffectiveMaxSessionTimeoutMs})");
        return options;
    }

    /// <summary>
    /// snapSizeLimitInKb (Java's ZooKeeperServer.getSnapSizeInBytes): 0 or less turns the size limit
    /// off, except a value that makes 0 bytes: Java's snapshot thread divides by half of it and dies
    /// as the server starts, so the server stops. That one is refused.
    /// </summary>
    private static void CheckSnapSizeLimit(ServerOptions options, List<ConfigNote> notes)
    {
        if (options.Property("zookeeper.snapSizeLimitInKb") is not { } text)
            return;
        if (options.SnapSizeLimitBytes == 0)
        {
            throw new ConfigException($"snapSizeLimitInKb={text} is 0 bytes, which stops Java 3.8.0's server at start (its snapshot schedule divides by it); "
                + "use a negative value to take snapshots by txn count alone");
        }

        if (JavaNumbers.DecodeLong(text) is <= 0 and var kb)
            notes.Add(new(LogLevel.Information, $"zookeeper.snapSizeLimitInKb set to a non-positive value {kb}; disabling feature"));
    }

    private static IPAddress Address(string value, int line, int? clientPortLine)
    {
        if (clientPortLine is null)
            throw new ConfigException($"line {line}: clientPortAddress is set but clientPort is not");
        if (IPAddress.TryParse(value, out var address))
            return address;
        try
        {
            return Dns.GetHostAddresses(value).First();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            throw new ConfigException($"line {line}: clientPortAddress '{value}' is not an address or a known host name", e);
        }
    }

    private static int Int(string key, string value, int line) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ConfigException($"line {line}: {key} must be an integer, not '{value}'");

    private static int Positive(string key, string value, int line) =>
        Int(key, value, line) is var n && n > 0 ? n : throw new ConfigException($"line {line}: {key} must be positive, not '{value}'");

    private static int Port(string key, string value, int line) =>
        Int(key, value, line) is var n && n is >= 0 and <= 65535 ? n : throw new ConfigException($"line {line}: {key} must be a port number (0-65535), not '{value}'");
}
