using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZkCompat.Quorum.Config;
using ZkCompat.Quorum.Runtime;
using ZkCompat.Server.Net;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>
/// An ensemble member: recovery, the engine in ensemble mode, the quorum peer with its election
/// and quorum ports, and the client listener. The engine serves clients only while the peer is
/// synced with an established leader.
/// </summary>
internal sealed class QuorumServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ITimer _ticks;
    private readonly ITimer _containers;
    private readonly ITimer? _purge;
    private readonly ClientListener _listener;
    private readonly PeerRuntime _runtime;
    private readonly Meter _meter = new("ZkCompat.Server");
    private readonly OpsServices _ops;

    private QuorumServer(ServerOptions options, QuorumConfig quorum, ILoggerFactory loggers, Socket? election, Socket? quorumPort)
    {
        var logger = loggers.CreateLogger("ZkCompat.Server");
        // Every port first: a port in use stops the start before the data directory is touched.
        var clientPort = ClientListener.Listen(options);
        if (election is null || quorumPort is null)
            (election, quorumPort) = PeerRuntime.BindPorts(quorum);
        var time = TimeProvider.System;
        var storage = DiskStorage.Instance;
        var directory = new DataDirectory(
            storage, DataFiles.VersionDir(options.DataDir), DataFiles.VersionDir(options.DataLogDir), logger, options.SnapshotCompression, options.DigestEnabled);
        var state = directory.Recover(options.TrustEmptySnapshot, options.AutocreateDataDir);
        // As standalone: start from a clean snapshot of what was recovered, so Reload always has one.
        directory.WriteSnapshot(SnapshotImage.Capture(state.Tree, state.LastZxid, state.Sessions.Select(s => (s.Key, s.Value))));
        Engine = new Engine(options, time, logger, new InMemoryReplicator(), state);
        Replica = new EnsembleReplica(options, storage, directory, Engine, state.LastZxid, logger) { TailCapacity = quorum.CommittedLogCapacity };
        _runtime = new PeerRuntime(quorum, Replica, loggers.CreateLogger("ZkCompat.Quorum"), election, quorumPort);
        Engine.JoinEnsemble(new EnsembleLink(_runtime, Replica), System.Text.Encoding.UTF8.GetBytes(quorum.ConfigText));
        _loop = Engine.RunAsync(_stop.Token);
        var period = TimeSpan.FromMilliseconds(Math.Max(1, options.TickTimeMs / 2));
        _ticks = time.CreateTimer(_ => Engine.Post(new TickWork()), null, period, period);
        var checkEvery = TimeSpan.FromMilliseconds(options.ContainerCheckIntervalMs);
        _containers = time.CreateTimer(_ => Engine.Post(new ContainerCheckWork()), null, checkEvery, checkEvery);
        if (options.PurgeIntervalHours > 0)
        {
            var every = TimeSpan.FromHours(options.PurgeIntervalHours);
            _purge = time.CreateTimer(_ => directory.Purge(options.SnapRetainCount), null, TimeSpan.Zero, every);
        }

        Ops = new ServerOps(options, Engine, time) { Quorum = new PeerStatus(_runtime), Fsync = Replica.Fsync };
        _listener = new ClientListener(options, Engine, logger, Ops.Stats, clientPort);
        Endpoint = _listener.Start();
        _runtime.Start();
        Log.Serving(logger, Endpoint.ToString());
        _ops = OpsServices.Start(Ops, _meter, logger);
    }

    public IPEndPoint Endpoint { get; }

    internal Engine Engine { get; }

    internal EnsembleReplica Replica { get; }

    internal ServerOps Ops { get; }

    /// <summary>Completes with the reason if storage failed (engine or quorum) and the member stopped.</summary>
    public Task<string> Failure => Task.WhenAny(Engine.Failure, _runtime.Failure).Unwrap();

    /// <summary>The quorum peer, for reads on its loop (status) and test controls.</summary>
    internal PeerRuntime Runtime => _runtime;

    /// <summary>Starts a member; <paramref name="election"/> and <paramref name="quorumPort"/> may be listening sockets bound already.</summary>
    public static QuorumServer Start(ServerOptions options, QuorumConfig quorum, ILoggerFactory loggers, Socket? election = null, Socket? quorumPort = null) =>
        new(options, quorum, loggers, election, quorumPort);

    public async ValueTask DisposeAsync()
    {
        await _ticks.DisposeAsync().ConfigureAwait(false);
        await _containers.DisposeAsync().ConfigureAwait(false);
        if (_purge is not null)
            await _purge.DisposeAsync().ConfigureAwait(false);
        await _ops.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Replica.Dispose();
        _stop.Dispose();
        _meter.Dispose();
    }
}
