using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Net;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server;

/// <summary>
/// A standalone server: recovery from the data directory, the apply loop with its txn log, the
/// session clock, the purge task and the client listener.
/// </summary>
internal sealed class StandaloneServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StandaloneStore _store;
    private readonly ClientListener _listener;
    private readonly ITimer _ticks;
    private readonly ITimer? _purge;
    private readonly ITimer _containers;
    private readonly Task _loop;
    private readonly Meter _meter = new("ZkCompat.Server");
    private readonly OpsServices _ops;

    private StandaloneServer(ServerOptions options, ILoggerFactory loggers, TimeProvider time, IStorage storage)
    {
        var logger = loggers.CreateLogger("ZkCompat.Server");
        var clientPort = ClientListener.Listen(options);
        var directory = new DataDirectory(
            storage, DataFiles.VersionDir(options.DataDir), DataFiles.VersionDir(options.DataLogDir), logger, options.SnapshotCompression, options.DigestEnabled);
        var metrics = new MetricRegistry();
        var started = time.GetTimestamp();
        var state = directory.Recover(options.TrustEmptySnapshot, options.AutocreateDataDir);
        RecordRecovery(metrics, state, (long)time.GetElapsedTime(started).TotalMilliseconds);
        var schedule = new SnapshotSchedule(options.SnapCount, options.SnapSizeLimitBytes);
        _store = new StandaloneStore(storage, directory, options, schedule, logger, metrics);
        // Java writes a snapshot at every start; here one is written (while serving) only when the
        // dataDir has none, or when the replay was as long as a snapshot interval: it bounds the next
        // start's replay, and otherwise the replayed txns just count toward the next snapshot. Then
        // recovery's garbage is given back.
        var nodeCount = state.Tree.NodeCount;
        var replayed = (int)Math.Min(int.MaxValue, state.TxnsLoaded?.Count ?? 0);
        var image = !state.FromSnapshot || _store.SnapshotDue(replayed, state.ReplayedLogBytes)
            ? SnapshotImage.Capture(state.Tree, state.LastZxid, state.Sessions.Select(s => (s.Key, s.Value)))
            : null;
        _store.Start(image, replayed, state.ReplayedLogBytes, () => ReleaseRecoveryGarbage(nodeCount));
        Engine = new Engine(options, time, logger, _store, state, metrics);
        _loop = Engine.RunAsync(_stop.Token);
        // Expiry buckets are tickTime apart; checking twice a tick keeps expiry within half a tick of Java's.
        var period = TimeSpan.FromMilliseconds(Math.Max(1, options.TickTimeMs / 2));
        _ticks = time.CreateTimer(_ => Engine.Post(new TickWork()), null, period, period);
        var checkEvery = TimeSpan.FromMilliseconds(options.ContainerCheckIntervalMs);
        _containers = time.CreateTimer(_ => Engine.Post(new ContainerCheckWork()), null, checkEvery, checkEvery);
        if (options.PurgeIntervalHours > 0)
        {
            var every = TimeSpan.FromHours(options.PurgeIntervalHours);
            _purge = time.CreateTimer(_ => directory.Purge(options.SnapRetainCount), null, TimeSpan.Zero, every);
        }

        Ops = new ServerOps(options, Engine, time) { Fsync = _store.Fsync };
        _listener = new ClientListener(options, Engine, logger, Ops.Stats, clientPort);
        Endpoint = _listener.Start();
        Log.Serving(logger, Endpoint.ToString());
        _ops = OpsServices.Start(Ops, _meter, logger);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>
    /// Recovery reads the whole snapshot and the logs; what it leaves behind is garbage the size
    /// of the data. One compacting collection that returns the memory to the system keeps a
    /// recovered server's RSS near its live tree (a few ms per 100,000 znodes; nothing to do when empty).
    /// </summary>
    private static void ReleaseRecoveryGarbage(int nodeCount)
    {
        if (nodeCount > 10_000)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Completes with the reason if storage failed and the server stopped acknowledging.</summary>
    public Task<string> Failure => Engine.Failure;

    internal Engine Engine { get; }

    /// <summary>Counters, four-letter words and state reads for the ops endpoints.</summary>
    internal ServerOps Ops { get; }

    /// <summary>The AdminServer's address, or null when admin.enableServer=false (or it could not bind).</summary>
    public IPEndPoint? AdminEndpoint => _ops.Admin?.Endpoint;

    /// <summary>The Prometheus endpoint's address, or null without the Prometheus metrics provider.</summary>
    public IPEndPoint? MetricsEndpoint => _ops.Metrics?.Endpoint;

    /// <summary>Recovers the data directory and starts serving; throws <see cref="RecoveryException"/> on damaged data.</summary>
    public static StandaloneServer Start(ServerOptions options, ILoggerFactory loggers, TimeProvider? time = null, IStorage? storage = null) =>
        new(options, loggers, time ?? TimeProvider.System, storage ?? DiskStorage.Instance);

    /// <summary>Java's startup metrics: dbinittime (the whole load), startup_snap_load_time, startup_txns_loaded/_load_time.</summary>
    private static void RecordRecovery(MetricRegistry metrics, RecoveredState state, long elapsedMs)
    {
        metrics.Summary("dbinittime").Add(elapsedMs);
        metrics.Summary("startup_snap_load_time").Add(state.SnapshotLoadMs);
        if (state.TxnsLoaded is { } loaded)
        {
            metrics.Summary("startup_txns_loaded").Add(loaded.Count);
            metrics.Summary("startup_txns_load_time").Add(loaded.ElapsedMs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ticks.DisposeAsync().ConfigureAwait(false);
        await _containers.DisposeAsync().ConfigureAwait(false);
        if (_purge is not null)
            await _purge.DisposeAsync().ConfigureAwait(false);
        await _ops.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _meter.Dispose();
    }
}
