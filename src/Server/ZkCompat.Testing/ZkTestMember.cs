using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Quorum;
using ZkCompat.Quorum.Config;
using ZkCompat.Server.Host.Quorum;
using ZkCompat.Server.Options;

namespace ZkCompat.Testing;

/// <summary>One member of a <see cref="ZkTestEnsemble"/>: its id, role, client port and run state.</summary>
public sealed class ZkTestMember
{
    private readonly ZkTestEnsembleOptions _settings;
    private ServerOptions _options;
    private QuorumServer? _server;
    private Socket? _election;
    private Socket? _quorum;

    internal ZkTestMember(long sid, bool observer, string dataDir, ZkTestEnsembleOptions settings)
    {
        Sid = sid;
        IsObserver = observer;
        _settings = settings;
        _election = Listen(0);
        _quorum = Listen(0);
        ElectionPort = ((IPEndPoint)_election.LocalEndPoint!).Port;
        QuorumPort = ((IPEndPoint)_quorum.LocalEndPoint!).Port;
        Directory.CreateDirectory(dataDir);
        _options = new ServerOptions
        {
            TickTimeMs = settings.TickTimeMs,
            ClientPort = 0,
            ClientPortAddress = IPAddress.Loopback,
            DataDir = dataDir,
            DataLogDir = dataDir,
            MaxClientCnxns = 0,
            ServerId = sid,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["zookeeper.4lw.commands.whitelist"] = "*",
                ["zookeeper.forceSync"] = settings.ForceSync ? "yes" : "no",
                ["zookeeper.admin.enableServer"] = "false",
            },
        };
    }

    /// <summary>The server id (myid).</summary>
    public long Sid { get; }

    /// <summary>True for an observer (serves reads, forwards writes, never votes).</summary>
    public bool IsObserver { get; }

    /// <summary>The client port (0 until the member first started; the same after restarts).</summary>
    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c> of this member alone.</summary>
    public string ConnectString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>True between a start and a stop.</summary>
    public bool IsRunning => _server is not null;

    /// <summary>"leader", "follower", "observer", or "looking" while it has no leader (or is stopped: "stopped").</summary>
    public string Mode => _server?.Replica switch
    {
        null => "stopped",
        { Serving: false } => "looking",
        { Role: PeerRole.Leading } => "leader",
        { Role: PeerRole.Observing } => "observer",
        _ => "follower",
    };

    internal int ElectionPort { get; }

    internal int QuorumPort { get; }

    internal QuorumServer? Server => _server;

    internal QuorumMember Describe() => new(Sid, "127.0.0.1", QuorumPort, ElectionPort, IsObserver);

    internal void Start(QuorumConfig config)
    {
        var loggers = _settings.LoggerFactory ?? NullLoggerFactory.Instance;
        _election ??= Listen(ElectionPort);
        _quorum ??= Listen(QuorumPort);
        _server = QuorumServer.Start(_options, config with { MyId = Sid }, loggers, _election, _quorum);
        _election = null;
        _quorum = null;
        Port = _server.Endpoint.Port;
        _options = _options with { ClientPort = Port };
    }

    internal async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _election?.Dispose();
        _quorum?.Dispose();
        _election = null;
        _quorum = null;
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen(64);
        return socket;
    }
}
