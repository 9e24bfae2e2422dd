using System.Globalization;
using System.Net;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// Turns zoo.cfg into <see cref="ServerOptions"/> (PROTOCOL.md §9). Keys ZkCompat does not use yet
/// are kept as Java keeps them, as the property zookeeper.&lt;key&gt;, and reported back to be logged.
/// </summary>
internal static class ZooCfg
{
    /// <summary>Keys Java's QuorumPeerConfig reads itself; they never become zookeeper.* properties.</summary>
    private static readonly HashSet<string> s_quorumKeys = new(StringComparer.Ordinal)
    {
        "initLimit", "syncLimit", "peerType", "standaloneEnabled", "reconfigEnabled", "dynamicConfigFile",
"electionAlg", "quorumListenOnAllIPs",
        "localSessionsEnabled", "localSessionsUpgradingEnabled", "syncEnabled", "observerMasterPort",
        "connectToLearnerMasterLimit", "secureClientPort", "secureClientPortAddress", "clientPortListenBacklog",
        "maxCnxns", "multiAddress.enabled", "multiAddress.reachabilityCheckEnabled",
        "multiAddress.reachabilityCheckTimeoutMs", "sslQuorum", "portUnification", "sslQuorumReloadCertFiles",
        "client.portUnification", "quorum.cnxn.threads.size", "oraclePath",
    };

    public static (ServerOptions Options, List<string> Notes) Load(string path, IReadOnlyDictionary<string, string>? systemProperties = null)
    {
        if (!File.Exists(path))
            throw new ConfigException($"{path} file is missing");
        // Like Java, relative directories are relative to the working directory, not to zoo.cfg.
        var text = File.ReadAllText(path);
        var (options, notes) = Parse(text.ReplaceLineEndings("\n").Split('\n'), Directory.GetCurrentDirectory(), systemProperties);
        return (options with { ConfigText = text }, notes);
    }

    /// <summary>
    /// zoo.cfg over the JVM-style system properties: like Java, a zoo.cfg key mapped to
    /// zookeeper.&lt;key&gt; overrides a -D property of the same name, and jute.maxbuffer is a -D property only.
    /// </summary>
    public static (ServerOptions Options, List<string> Notes) Parse(IEnumerable<string> lines, string baseDir, IReadOnlyDictionary<string, string>? systemProperties = null)
    {
        var options = new ServerOptions();
        var properties = new Dictionary<string, string>(systemProperties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (properties.TryGetValue("jute.maxbuffer", out var maxBuffer) && int.TryParse(maxBuffer, NumberStyles.None, CultureInfo.InvariantCulture, out var maxFrameBytes))
            options = options with { MaxFrameBytes = maxFrameBytes };
        var notes = new List<string>();
        int? clientPortLine = null;
        string? clientPortAddress = null;
        var clientPortAddressLine = 0;
        foreach (var (key, value, line) in PropertiesFile.Parse(lines))
        {
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
                case "autopurge.snapRetainCount":
                    // Java raises values below 3 to 3.
                    options = options with { SnapRetainCount = Math.Max(3, Int(key, value, line)) };
                    break;
                case "autopurge.purgeInterval":
                    options = options with { PurgeIntervalHours = Int(key, value, line) };
                    break;
                default:
                    Keep(key, value, line, properties, notes);
                    break;
            }
        }

        if (clientPortAddress is not null)
            options = options with { ClientPortAddress = Address(clientPortAddress, clientPortAddressLine, clientPortLine) };
        return (Validate(options with { Properties = properties }), notes);
    }

    private static void Keep(string key, string value, int line, Dictionary<string, string> properties, List<string> notes)
    {
        // Java's QuorumPeerConfig hands metricsProvider.* to the provider itself (§9.2).
        if (key.StartsWith("metricsProvider.", StringComparison.Ordinal))
        {
            properties[key] = value;
            return;
        }

        if (key.StartsWith("server.", StringComparison.Ordinal) || key.StartsWith("group.", StringComparison.Ordinal)
            || key.StartsWith("weight.", StringComparison.Ordinal) || s_quorumKeys.Contains(key))
        {
            properties[key] = value;
            notes.Add($"line {line}: {key} is not used in standalone mode yet; ignored");
            return;
        }

        properties["zookeeper." + key] = value;
        notes.Add($"line {line}: {key} is read as the property zookeeper.{key}");
    }

    private static ServerOptions Validate(ServerOptions options)
    {
        if (options.DataDir.Length == 0)
            throw new ConfigException("dataDir is not set");
        if (options.DataLogDir.Length == 0)
            options = options with { DataLogDir = options.DataDir };
        if (options.EffectiveMinSessionTimeoutMs > options.EffectiveMaxSessionTimeoutMs)
            throw new ConfigException($"minSessionTimeout ({options.EffectiveMinSessionTimeoutMs}) must not be larger than maxSessionTimeout ({options.EffectiveMaxSessionTimeoutMs})");
        return options;
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
