using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Security;
using ZkCompat.Server.Sessions;
using ZkCompat.Server.Tree;
using ZkCompat.Server.Watches;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The single apply loop: the one owner of the tree, sessions and watches. Connections post
/// <see cref="Work"/>; the loop handles it in arrival order, so every session sees its replies
/// in FIFO order and every change in zxid order.
/// </summary>
internal sealed partial class Engine
{
    /// <summary>At most this many work items share one group commit.</summary>
    private const int MaxBatch = 1024;

    private readonly Channel<Inbound> _inbox = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Inbound> _batch = new(MaxBatch);

    /// <summary>Posted when <see cref="RunAsync"/> is cancelled, so the loop's idle wait needs no token.</summary>
    private static readonly InspectWork s_wake = new(_ => { });
    private readonly Outbox _outbox = new();
    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReplicator _replicator;
    private SessionTracker _sessions;
    private PrepView _view;
    private Prep _prep;
    private Final _final;
    private Reads _reads;
    private readonly Dictionary<IClientChannel, DigestMd5Server> _sasl = [];
    private readonly Dictionary<string, string>? _saslUsers;
    private bool _pendingTxns;

    public Engine(ServerOptions options, TimeProvider time, ILogger logger, IReplicator replicator, RecoveredState? state = null, MetricRegistry? metrics = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _replicator = replicator;
        Metrics = metrics ?? new MetricRegistry();
        _saslUsers = options.JaasConfigPath is { } jaas ? JaasUsers.Read(jaas, options.JaasSection) : null;
        if (options.SkipAcl)
            Log.SkipAcl(logger);
        Log.DigestEnabled(logger, options.DigestEnabled ? "true" : "false");
        Load(state);
    }

    public MetricRegistry Metrics { get; }

    public DataTree Tree { get; private set; }

    public WatchManager Watches { get; private set; }

    public Zxid LastZxid { get; private set; }

    public int SessionCount => _sessions.Count;

    /// <summary>Live sessions; read only on the loop (see <see cref="InspectWork"/>).</summary>
    public IEnumerable<Sessions.Session> Sessions => _sessions.All;

    /// <summary>Completes with the reason when storage failed and the engine stopped (fail-stop).</summary>
    public Task<string> Failure => _failure.Task;

    private long NowMs => _time.GetTimestamp() * 1000 / _time.TimestampFrequency;

    private long WallMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Post(Work work) => _inbox.Writer.TryWrite(new Inbound(work, default));

    /// <summary>A client's request: carried by value, so the read path allocates nothing here.</summary>
    public void Post(in ClientRequest request) => _inbox.Writer.TryWrite(new Inbound(null, request));

    public async Task RunAsync(CancellationToken cancellation)
    {
        // Waiting with a cancellable token would allocate on every idle wait; cancelling wakes the loop instead.
        await using var wake = cancellation.Register(() => _inbox.Writer.TryWrite(new Inbound(s_wake, default))).ConfigureAwait(false);
        while (!cancellation.IsCancellationRequested && await _inbox.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (cancellation.IsCancellationRequested)
                break;
            while (_batch.Count < MaxBatch && _inbox.Reader.TryRead(out var work))
                _batch.Add(work);
            foreach (ref readonly var item in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_batch))
            {
                if (item.Work is { } queued)
                    Process(queued);
                else
                    Process(item.Request);
            }

            _batch.Clear();
            EndBatch();
        }
    }

    /// <summary>
    /// Handles work in order, then makes its txns durable with one flush (group commit) before any
    /// reply that follows the first txn leaves (<see cref="Outbox"/>).
    /// </summary>
    public void ProcessBatch(IReadOnlyList<Work> batch)
    {
        foreach (var work in batch)
            Process(work);
        EndBatch();
    }

    /// <summary>The batch's group commit: one flush for its txns, then the held replies leave.</summary>
    private void EndBatch()
    {
        // A failed engine releases nothing and snapshots nothing: its tree may hold txns the log lost.
        if (!_pendingTxns || _failure.Task.IsCompleted)
            return;
        try
        {
            var snapshotDue = _replicator.Flush();
            _pendingTxns = false;
            _outbox.Release();
            if (snapshotDue)
                _replicator.Snapshot(SnapshotImage.Capture(Tree, LastZxid, _sessions.All.Select(s => (s.Id, s.TimeoutMs))));
        }
        catch (StorageException e)
        {
            Fail(e.Message);
        }
    }

    public void Process(Work work)
    {
        if (work is RequestWork request)
        {
            Process(request.Request);
            return;
        }

        if (_failure.Task.IsCompleted)
        {
            // Fail-stop: nothing is acknowledged once the disk has failed us.
            (work as ConnectWork)?.Channel.Close();
            return;
        }

        try
        {
            switch (work)
            {
                case ConnectWork w:
                    Connect(w.Channel, w.Request, w.HasReadOnlyByte);
                    break;
                case DisconnectWork w:
                    Disconnect(w.Channel);
                    break;
                case TickWork:
                    ExpireSessions();
                    break;
                case ContainerCheckWork:
                    CheckContainers();
                    break;
                case InspectWork w:
                    w.Inspect(this);
                    break;
                default:
                    ProcessEnsemble(work);
                    break;
            }
        }
        catch (Exception e) when (work is ConnectWork && e is not StorageException)
        {
            // One bad request must not stop the loop that serves every other client.
            Log.LoopFailed(_logger, e, work.ToString() ?? "");
            _outbox.Close(((ConnectWork)work).Channel);
        }
        catch (StorageException e)
        {
            // The log can fail as a txn is appended (a new file, a roll), not only at the flush.
            Fail(e.Message);
        }
    }

    public void Process(in ClientRequest request)
    {
        if (_failure.Task.IsCompleted)
        {
            // Fail-stop: nothing is acknowledged once the disk has failed us.
            request.Channel.Close();
            return;
        }

        try
        {
            Request(request);
        }
        catch (Exception e) when (e is not StorageException)
        {
            // One bad request must not stop the loop that serves every other client.
            Log.LoopFailed(_logger, e, request.ToString());
            _outbox.Close(request.Channel);
        }
        catch (StorageException e)
        {
            Fail(e.Message);
        }
    }

    /// <summary>Takes <paramref name="state"/> as the whole truth: tree, sessions, fresh watches and prep view.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Tree), nameof(Watches), nameof(_sessions), nameof(_view), nameof(_prep), nameof(_final), nameof(_reads), nameof(_connectThrottle))]
    private void Load(RecoveredState? state)
    {
        Tree = state?.Tree ?? new DataTree(_options.DigestEnabled);
        Tree.Metrics = Metrics;
        LastZxid = state?.LastZxid ?? Zxid.Zero;
        Watches = new WatchManager(_outbox, Metrics);
        _sessions = new SessionTracker(_options.ServerId, _options.TickTimeMs, NowMs);
        foreach (var (id, timeoutMs) in state?.Sessions ?? [])
            _sessions.Add(id, timeoutMs, NowMs);
        _view = new PrepView(Tree);
        _prep = new Prep(_view, _options.ExtendedTypesEnabled, _options.SaslAclsEnabled, _options.SkipAcl, _options.EnforceQuota ? Tree.Quotas : null, Metrics);
        _final = new Final(Tree);
        _reads = new Reads(Tree, Watches, _options.SkipAcl, Metrics);
        _connectThrottle = new ConnectionThrottle(_options.ConnectionThrottle, NowMs);
    }

    private void Fail(string reason)
    {
        Log.StorageFailed(_logger, reason);
        _outbox.Discard();
        foreach (var session in _sessions.All)
            (session.Owner as IClientChannel)?.Close();
        _failure.TrySetResult(reason);
    }

    private void ExpireSessions()
    {
        if (_ensemble is not null && !_leading)
            return;
        foreach (var session in _sessions.TakeExpired(NowMs))
        {
            Metrics.Counter("stale_sessions_expired").Add(1);
            if (_ensemble is not null)
            {
                // Only the leader expires sessions, through a closeSession txn every member applies (§11.7).
                Log.SessionExpired(_logger, new SessionId(session.Id).ToString(), session.TouchTimeoutMs);
                ProposeClose(session.Id, 0);
                continue;
            }

            Log.SessionExpired(_logger, new SessionId(session.Id).ToString(), session.TouchTimeoutMs);
            var owner = session.Owner as IClientChannel;
            CloseSession(owner, session.Id, 0);
            if (owner is not null)
                _outbox.Close(owner);
        }
    }

    private Zxid CloseSession(IClientChannel? ch, long sessionId, int cxid)
    {
        var ephemerals = Tree.EphemeralsOf(sessionId).ToList();
        var txn = NewTxn(sessionId, cxid, OpCode.CloseSession, new CloseSessionTxn(ephemerals));
        Commit(txn);
        if (ch is not null)
            Detach(ch);
        _sessions.Remove(sessionId);
        return txn.Header.Zxid;
    }

    private Txn NewTxn(long sessionId, int cxid, OpCode type, IJuteWritable? record)
    {
        var zxid = _ensemble is null ? LastZxid.Next() : _lastPrepared = _lastPrepared.Next();
        var header = new TxnHeader(new SessionId(sessionId), cxid, zxid, WallMs, type);
        return new Txn(header, record);
    }

    /// <summary>
    /// Applies one txn, fires its watches and hands it to the replicator with the tree digest after
    /// it. From the batch's first txn on, the outbox holds output until the batch is durable.
    /// </summary>
    private (ErrorCode Err, IJuteWritable? Body) Commit(Txn txn)
    {
        if (!_pendingTxns)
        {
            _outbox.Hold();
            _pendingTxns = true;
        }

        LastZxid = txn.Header.Zxid;
        var events = new List<ChangeEvent>();
        var result = _final.Apply(txn, events);
        _view.Clear();
        // Java appends no TxnDigest when digests are off (digest.enabled=false).
        _replicator.Append(txn, Tree.DigestEnabled ? Tree.Digest : null);
        foreach (var change in events)
            Watches.Trigger(change);
        return result;
    }

    /// <summary>One inbox entry: a <see cref="Work"/>, or (when that is null) a client's request by value.</summary>
    private readonly record struct Inbound(Work? Work, ClientRequest Request);
}
