using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>
/// The server as the quorum core's replica: the txn log and epoch files on disk, and the engine
/// as the state machine. Runs on the quorum loop; talks to the engine only by posting work (and
/// waiting for the few answers it needs), so the engine never waits on the quorum.
/// </summary>
internal sealed class EnsembleReplica : IReplica, IDisposable
{
    private static readonly TimeSpan EngineWait = TimeSpan.FromSeconds(60);
    private readonly ServerOptions _options;
    private readonly IStorage _storage;
    private readonly DataDirectory _directory;
    private readonly EpochFiles _epochs;
    private readonly TxnLog _log;
    private readonly Engine _engine;
    private readonly ILogger _logger;
    private readonly LinkedList<(Zxid Zxid, byte[] Txn)> _tail = new();
    private readonly ConcurrentDictionary<long, int> _touches = new();
    private readonly SnapshotSchedule _schedule;

    public EnsembleReplica(ServerOptions options, IStorage storage, DataDirectory directory, Engine engine, Zxid lastLogged, ILogger logger)
    {
        _options = options;
        _storage = storage;
        _directory = directory;
        _engine = engine;
        _logger = logger;
        _epochs = new EpochFiles(storage, directory.SnapshotDir);
        Fsync = new FsyncMonitor(options.FsyncWarningThresholdMs, $"SyncThread:{options.ServerId}", logger, engine.Metrics.Summary("fsynctime"));
        _log = new TxnLog(storage, directory.LogDir, options.PreAllocBytes, options.ForceSync, Fsync);
        _schedule = new SnapshotSchedule(options.SnapCount, options.SnapSizeLimitBytes);
        LastLogged = lastLogged;
        // Missing epoch files are recreated from the last logged zxid (§11.3).
        CurrentEpoch = _epochs.Read("currentEpoch", lastLogged.Epoch);
        if (lastLogged.Epoch > CurrentEpoch)
        {
            // Java's check and its way out: the staged value of a NEWLEADER that crashed in between.
            var staged = _epochs.Read("currentEpoch.tmp", -1);
            if (staged < lastLogged.Epoch)
                throw new RecoveryException($"The current epoch, {CurrentEpoch:x}, is older than the last zxid, {lastLogged.Value}");
            SetCurrentEpoch(staged);
        }

        AcceptedEpoch = _epochs.Read("acceptedEpoch", CurrentEpoch);
        if (AcceptedEpoch < CurrentEpoch)
            throw new RecoveryException($"acceptedEpoch {AcceptedEpoch} is below currentEpoch {CurrentEpoch}");
    }

    /// <summary>The txn log's fsync watch (fsync.warningthresholdms, fsync_threshold_exceed_count).</summary>
    public FsyncMonitor Fsync { get; }

    /// <summary>Logged txns kept in memory for the next leadership's committed log (commitLogCount + 1, as Java keeps).</summary>
    public int TailCapacity { get; init; } = 501;

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    public Zxid LastLogged { get; private set; }

    /// <summary>The role the core reported last, for srvr/stat/mntr.</summary>
    public PeerRole Role { get; private set; } = PeerRole.Looking;

    public bool Serving { get; private set; }

    public void SetAcceptedEpoch(long epoch)
    {
        _epochs.Write("acceptedEpoch", epoch);
        AcceptedEpoch = epoch;
    }

    public void SetCurrentEpoch(long epoch)
    {
        _epochs.Write("currentEpoch", epoch);
        CurrentEpoch = epoch;
    }

    public void StageCurrentEpoch(long epoch) => _epochs.Stage("currentEpoch", epoch);

    public void Append(Zxid zxid, byte[] txn)
    {
        // A Java leader's proposals carry its tree digest; with digests off Java logs them without.
        if (!_options.DigestEnabled)
            txn = TxnCodec.WithoutDigest(txn);
        _log.AppendBytes(zxid.Value, txn);
        LastLogged = zxid;
        _tail.AddLast((zxid, txn));
        if (_tail.Count > TailCapacity)
            _tail.RemoveFirst();
        // As Java's SyncRequestProcessor: asked after each logged txn, the log rolls right here.
        if (_schedule.Due(_log.TxnsSinceRoll, _log.FileBytes))
        {
            _schedule.Reset();
            SnapshotInBackground();
        }
    }

    public void Flush() => _log.Flush();

    public void Dispose() => _log.Dispose();

    public IReadOnlyList<(Zxid Zxid, byte[] Txn)> LogTail(int max) => _tail.Skip(Math.Max(0, _tail.Count - max)).ToList();

    public IReadOnlyList<(Zxid Zxid, byte[] Txn)>? ReadLog(Zxid peer, Zxid upTo, double snapshotSizeFactor) =>
        TxnLogSync.Read(_storage, _directory, peer, upTo, snapshotSizeFactor, _logger);

    public void Apply(Zxid zxid, byte[] txn)
    {
        var (decoded, _) = TxnCodec.Read(txn);
        _engine.Post(new CommittedWork(decoded));
    }

    public (Zxid Zxid, byte[] Stream) TakeSnapshot()
    {
        var (zxid, image) = Capture();
        return (zxid, SnapshotWriter.Stream(image));
    }

    public void InstallSnapshot(Zxid zxid, byte[] stream)
    {
        var loaded = SnapshotReader.ReadStream(stream, zxid.Value, _options.DigestEnabled);
        _log.Roll();
        // The snapshot is durable before the history it replaces goes.
        _directory.WriteSnapshot(SnapshotImage.Capture(loaded.Tree, zxid, loaded.Sessions.Select(s => (s.Key, s.Value))));
        _directory.DeleteLogs();
        _tail.Clear();
        LastLogged = zxid;
        ResetEngine(new RecoveredState(loaded.Tree, loaded.Sessions, zxid));
    }

    public void Truncate(Zxid zxid)
    {
        _log.Roll();
        _directory.TruncateAfter(zxid);
        while (_tail.Last is { } last && last.Value.Zxid > zxid)
            _tail.RemoveLast();
        Reload();
    }

    public void Reload()
    {
        _log.Roll();
        var state = _directory.Recover(trustEmptySnapshot: false);
        LastLogged = state.LastZxid;
        ResetEngine(state);
    }

    public void StartServing(PeerRole role, long leaderSid, long epoch)
    {
        Role = role;
        Serving = true;
        _engine.Post(new ServeWork(role == PeerRole.Leading, (int)epoch));
    }

    public void StopServing()
    {
        Role = PeerRole.Looking;
        Serving = false;
    }

    public IReadOnlyList<(long SessionId, int TimeoutMs)> TakeTouches()
    {
        var touches = new List<(long, int)>();
        foreach (var id in _touches.Keys)
        {
            if (_touches.TryRemove(id, out var timeout))
                touches.Add((id, timeout));
        }

        return touches;
    }

    public void LearnerRequest(long channel, RequestPacketData request, IReadOnlyList<Id>? authInfo) =>
        _engine.Post(new LearnerRequestWork(channel, request.SessionId, request.Cxid, (OpCode)request.Type, request.Request, authInfo));

    public void Touch(long sessionId, int timeoutMs) => _engine.Post(new TouchWork(sessionId, timeoutMs));

    public void Revalidate(long channel, long sessionId, int timeoutMs) => _engine.Post(new RevalidateWork(channel, sessionId, timeoutMs));

    public void Revalidated(long sessionId, bool valid) => _engine.Post(new RevalidatedWork(sessionId, valid));

    public void Synced() => _engine.Post(new SyncedWork());

    /// <summary>Engine side: remember a session's traffic for the next PING.</summary>
    public void Touched(long sessionId, int timeoutMs) => _touches[sessionId] = timeoutMs;

    private (Zxid Zxid, SnapshotImage Image) Capture()
    {
        var done = new TaskCompletionSource<(Zxid, SnapshotImage)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _engine.Post(new CaptureWork(done));
        return done.Task.WaitAsync(EngineWait).GetAwaiter().GetResult();
    }

    private void ResetEngine(RecoveredState state)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _engine.Post(new ResetWork(state, done));
        done.Task.WaitAsync(EngineWait).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Rolls the log and snapshots what the engine has applied by then (committed txns only, so
    /// no TRUNC can ever remove one of them); it may be behind the roll, as Java's fuzzy snapshots are.
    /// </summary>
    private void SnapshotInBackground()
    {
        _log.Roll();
        var done = new TaskCompletionSource<(Zxid, SnapshotImage)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _engine.Post(new CaptureWork(done));
        _ = done.Task.ContinueWith(
            t => _directory.WriteSnapshot(t.Result.Item2),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    internal static byte[] Encode(Txn txn)
    {
        var output = new ArrayBufferWriter<byte>();
        TxnCodec.Write(output, txn, null);
        return output.WrittenSpan.ToArray();
    }
}
