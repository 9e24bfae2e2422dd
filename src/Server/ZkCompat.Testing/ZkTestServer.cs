using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Sessions;

namespace ZkCompat.Testing;

/// <summary>
/// A ZooKeeper 3.8-compatible server inside the test process, on loopback ports bound to 0:
/// <code>await using var zk = await ZkTestServer.StartAsync();</code>
/// then connect any ZooKeeper client to <see cref="ConnectString"/>. Disposal stops the server
/// and returns only when every socket and file is closed.
/// </summary>
public sealed class ZkTestServer : IAsyncDisposable
{
    private static readonly TimeSpan s_engineTimeout = TimeSpan.FromSeconds(10);

    private readonly ZkTestServerOptions _settings;
    private readonly bool _ownsDataDir;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StandaloneServer? _server;
    private ServerOptions _options;
    private bool _disposed;

    private ZkTestServer(ZkTestServerOptions settings)
    {
        _settings = settings;
        _ownsDataDir = settings.DataDir is null;
        DataDir = settings.DataDir ?? Directory.CreateTempSubdirectory("zkcompat-testing-").FullName;
        _options = BuildOptions(settings, DataDir);
    }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, for any ZooKeeper client; the same after a restart.</summary>
    public string ConnectString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The client port.</summary>
    public int Port { get; private set; }

    /// <summary>The AdminServer's base address (…/commands/), or null when it is off.</summary>
    public Uri? AdminUri { get; private set; }

    /// <summary>The Prometheus endpoint (…/metrics), or null when it is off.</summary>
    public Uri? MetricsUri { get; private set; }

    /// <summary>The data directory (txn logs and snapshots in Java's format).</summary>
    public string DataDir { get; }

    /// <summary>True between a start and a stop.</summary>
    public bool IsRunning => _server is not null;

    /// <summary>Starts a server and returns once it accepts clients.</summary>
    public static async Task<ZkTestServer> StartAsync(ZkTestServerOptions? options = null)
    {
        var server = new ZkTestServer(options ?? new ZkTestServerOptions());
        try
        {
            await server.StartServerAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>The ids of the sessions the server knows now.</summary>
    public async Task<IReadOnlyList<long>> GetSessionIdsAsync()
    {
        var engine = Running().Engine;
        var result = new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Post(new InspectWork(e => result.TrySetResult([.. e.Sessions.Select(s => s.Id).Order()])));
        return await result.Task.WaitAsync(s_engineTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Expires a session now: its connection is dropped and its ephemeral nodes are deleted, and the
    /// client learns on reconnecting that its session expired. False when no such session exists.
    /// </summary>
    public async Task<bool> ExpireSessionAsync(long sessionId)
    {
        var engine = Running().Engine;
        var channel = new ExpiringChannel();
        var request = new ConnectRequest(0, Zxid.Zero, _options.EffectiveMinSessionTimeoutMs, new SessionId(sessionId), SessionPasswords.For(sessionId));
        engine.Post(new ConnectWork(channel, request, HasReadOnlyByte: false));
        engine.Post(new RequestWork(channel, 1, OpCode.CloseSession, null, Malformed: false));
        return await channel.Done.WaitAsync(s_engineTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the server like SIGTERM does: no new connections, open ones closed, sessions kept (they
    /// resume, or expire, after <see cref="RestartAsync"/>). The data directory stays.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopServerAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops (if running) and starts again on the same data directory and ports.</summary>
    public async Task RestartAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopServerAsync().ConfigureAwait(false);
            await StartServerAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a four-letter word (ruok, srvr, mntr, …) and returns the server's answer.</summary>
    public async Task<string> FourLetterWordAsync(string word, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(word);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellation).ConfigureAwait(false);
        await socket.SendAsync(Encoding.ASCII.GetBytes(word), cancellation).ConfigureAwait(false);
        using var answer = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
            answer.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }

    /// <summary>Stops the server, waits for every socket and file to close, and deletes a temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            await StopServerAsync().ConfigureAwait(false);
            if (_ownsDataDir)
                DeleteDataDir();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartServerAsync()
    {
        var loggers = _settings.LoggerFactory ?? NullLoggerFactory.Instance;
        // Recovery reads the disk; keep it off the caller's thread.
        _server = await Task.Run(() => StandaloneServer.Start(_options, loggers)).ConfigureAwait(false);
        Port = _server.Endpoint.Port;
        AdminUri = _server.AdminEndpoint is { } admin ? new Uri($"http://127.0.0.1:{admin.Port}/commands/") : null;
        MetricsUri = _server.MetricsEndpoint is { } metrics ? new Uri($"http://127.0.0.1:{metrics.Port}/metrics") : null;
        // A restart binds the same ports again, so connect strings and URIs stay valid.
        _options = _options with { ClientPort = Port, Properties = WithPorts(_options.Properties, admin: AdminUri?.Port, metrics: MetricsUri?.Port) };
    }

    private async Task StopServerAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private StandaloneServer Running() => _server ?? throw new InvalidOperationException("the server is not running");

    private static ServerOptions BuildOptions(ZkTestServerOptions settings, string dataDir)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["zookeeper.4lw.commands.whitelist"] = settings.FourLetterWhitelist,
            ["zookeeper.forceSync"] = settings.ForceSync ? "yes" : "no",
            ["zookeeper.admin.enableServer"] = settings.AdminServer ? "true" : "false",
            ["zookeeper.admin.serverAddress"] = "127.0.0.1",
            ["zookeeper.admin.serverPort"] = "0",
        };
        if (settings.Metrics)
        {
            properties["metricsProvider.className"] = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";
            properties["metricsProvider.httpHost"] = "127.0.0.1";
            properties["metricsProvider.httpPort"] = "0";
        }

        foreach (var (key, value) in settings.Properties)
            properties[key] = value;
        return new ServerOptions
        {
            TickTimeMs = settings.TickTimeMs,
            ClientPort = 0,
            ClientPortAddress = IPAddress.Loopback,
            DataDir = dataDir,
            DataLogDir = dataDir,
            MinSessionTimeoutMs = settings.MinSessionTimeoutMs ?? -1,
            MaxSessionTimeoutMs = settings.MaxSessionTimeoutMs ?? -1,
            MaxClientCnxns = 0,
            Properties = properties,
        };
    }

    private static Dictionary<string, string> WithPorts(IReadOnlyDictionary<string, string> properties, int? admin, int? metrics)
    {
        var copy = new Dictionary<string, string>(properties, StringComparer.Ordinal);
        if (admin is { } a)
            copy["zookeeper.admin.serverPort"] = a.ToString(CultureInfo.InvariantCulture);
        if (metrics is { } m)
            copy["metricsProvider.httpPort"] = m.ToString(CultureInfo.InvariantCulture);
        return copy;
    }

    private void DeleteDataDir()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Nothing should hold a file now; if something does, the OS temp cleaner gets it.
        }
    }
}
