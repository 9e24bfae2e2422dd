using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Quorum.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The second half of Java's QuorumPeerConfig (setupQuorumPeerConfig, PROTOCOL.md §9.3): count the
/// members, read dataDir/myid, take the client port from this server's line, settle the peer type,
/// check the quorum keys, and choose standalone or quorum. The same messages as Java.
/// </summary>
internal static class QuorumSetup
{
    /// <summary>Java's UNSET_SERVERID: a myid file holding -1 counts as no myid file at all.</summary>
    private const long Unset = -1;

    public static (ServerOptions Options, QuorumConfig? Quorum) Apply(
        ServerOptions options, QuorumKeys keys, IReadOnlyList<QuorumMember> members, long version,
        Func<string, string?> readFile, List<ConfigNote> notes)
    {
        var voters = members.Count(m => !m.IsObserver);
        var observers = members.Count - voters;
        CheckCounts(voters, observers, keys.StandaloneEnabled, notes);
        var myId = ReadMyId(options.DataDir, readFile);
        var me = members.FirstOrDefault(m => m.Sid == myId);
        if (myId != Unset && me?.ClientPort is { } clientPort)
            options = TakeClientPort(options, myId, me.ClientHost ?? "0.0.0.0", clientPort);
        if ((me?.IsObserver ?? false) != keys.PeerTypeObserver)
        {
            notes.Add(new(LogLevel.Warning, $"Peer type from servers list ({Role(me?.IsObserver ?? false)}) doesn't match peerType ({Role(keys.PeerTypeObserver)}). Defaulting to servers list."));
        }

        if (keys.StandaloneEnabled && voters <= 1)
        {
            if (members.Count > 0)
                notes.Add(new(LogLevel.Warning, "Either no config or no quorum defined in config, running in standalone mode"));
            if (keys.ReconfigEnabled)
                notes.Add(new(LogLevel.Warning, "reconfigEnabled=true is not supported by ZkCompat; reconfig stays disabled"));
            return (options, null);
        }

        if (keys.InitLimit == 0)
            throw new ConfigException("initLimit is not set");
        if (keys.SyncLimit == 0)
            throw new ConfigException("syncLimit is not set");
        if (myId == Unset)
            throw new ConfigException($"myid file is missing: {Path.Combine(options.DataDir, "myid")} must hold this server's id");
        if (keys.ReconfigEnabled)
            throw new ConfigException("reconfigEnabled=true is not supported by ZkCompat; dynamic reconfiguration stays disabled (set it to false)");
        if (keys.MultiAddressEnabled ?? options.Property("zookeeper.multiAddress.enabled")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false)
            throw new ConfigException("multiAddress.enabled=true is not supported by ZkCompat");
        if (me is null)
            throw new ConfigException($"My id {myId} not in the peer list") { ExitCode = 1 };

        var quorum = new QuorumConfig
        {
            MyId = myId,
            Members = members,
            TickTimeMs = options.TickTimeMs,
            InitLimit = keys.InitLimit,
            SyncLimit = keys.SyncLimit,
            ElectionPortBindRetry = JavaSyntax.Decode(options.Property("zookeeper.electionPortBindRetry")) is { } retry and >= 0 ? retry : 3,
            QuorumListenOnAllIPs = keys.QuorumListenOnAllIPs,
            StandaloneEnabled = keys.StandaloneEnabled,
            ConfigVersion = version,
            CommitLogCount = PeerProperties.CommitLogCount(options, notes),
            SnapshotSizeFactor = PeerProperties.SnapshotSizeFactor(options, notes),
            ElectionConnectTimeoutMs = PeerProperties.CnxTimeoutMs(options),
            TcpKeepAlive = PeerProperties.TcpKeepAlive(options),
        };
        // Session ids carry the server id in their high byte (§2.4); standalone keeps 1.
        return (options with { ServerId = myId }, quorum);
    }

    private static void CheckCounts(int voters, int observers, bool standaloneEnabled, List<ConfigNote> notes)
    {
        if (voters == 0)
        {
            if (!standaloneEnabled)
                throw new ConfigException("standaloneEnabled = false then number of participants should be >0");
            if (observers > 0)
                throw new ConfigException("Observers w/o participants is an invalid configuration");
        }
        else if (voters == 1 && standaloneEnabled)
        {
            notes.Add(new(LogLevel.Error, "Invalid configuration, only one server specified (ignoring)"));
            if (observers > 0)
                throw new ConfigException("Observers w/o quorum is an invalid configuration");
        }
        else if (voters <= 2)
        {
            notes.Add(new(LogLevel.Warning, "No server failure will be tolerated. You need at least 3 servers."));
        }
        else if (voters % 2 == 0)
        {
            notes.Add(new(LogLevel.Warning, "Non-optimal configuration, consider an odd number of servers."));
        }
    }

    /// <summary>
    /// dataDir/myid, read whenever it exists, even in standalone mode, as Java does: the first line
    /// (Java's readLine), which Long.parseLong must take whole.
    /// </summary>
    private static long ReadMyId(string dataDir, Func<string, string?> readFile)
    {
        var text = readFile(Path.Combine(dataDir, "myid"));
        if (text is null)
            return Unset;
        var end = text.IndexOfAny(['\n', '\r']);
        var first = text.Length == 0 ? null : end < 0 ? text : text[..end];
        return JavaSyntax.TryParseLong(first, out var id) ? id : throw new ConfigException($"serverid {first ?? "null"} is not a number");
    }

    /// <summary>
    /// QuorumPeerConfig.setupClientPort: this server's client part wins over clientPort and
    /// clientPortAddress; when both are given they must agree (only the port, when clientPortAddress
    /// is a wildcard).
    /// </summary>
    private static ServerOptions TakeClientPort(ServerOptions options, long myId, string host, int port)
    {
        var address = JavaHost.Resolve(host, $"server.{myId} client address");
        var wildcard = options.ClientPortAddress.Equals(IPAddress.Any) || options.ClientPortAddress.Equals(IPAddress.IPv6Any);
        if (options.ClientPort != 0 && (options.ClientPort != port || (!wildcard && !options.ClientPortAddress.Equals(address))))
        {
            throw new ConfigException($"client address for this server (id = {myId}) in static config file is {options.ClientPortAddress}:{options.ClientPort}"
                + $" is different from client address found in dynamic file: {host}:{port}");
        }

        return options with { ClientPort = port, ClientPortAddress = address };
    }

    private static string Role(bool observer) => observer ? "OBSERVER" : "PARTICIPANT";
}
