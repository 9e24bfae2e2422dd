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
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Tree), nameof(Watches), nameof(_sessions), nameof(_view), nameof(_prep), nameof(_final), nameof(_reads))]
    private void Load(RecoveredState? state)
    {
        Tree = state?.Tree ?? new DataTree();
        Tree.Metrics = Metrics;
        LastZxid = state?.LastZxid ?? Zxid.Zero;
        Watches = new WatchManager(_outbox, Metrics);
        _sessions = new SessionTracker(_options.ServerId, _options.TickTimeMs, NowMs);
        foreach (var (id, timeoutMs) in state?.Sessions ?? [])
            _sessions.Add(id, timeoutMs, NowMs);
        _view = new PrepView(Tree);
        _prep = new Prep(_view, _options.ExtendedTypesEnabled, _options.SaslAclsEnabled, _options.EnforceQuota ? Tree.Quotas : null, Metrics);
        _final = new Final(Tree);
        _reads = new Reads(Tree, Watches, Metrics);
    }

    private void Fail(string reason)
    {
        Log.StorageFailed(_logger, reason);
        _outbox.Discard();
        foreach (var session in _sessions.All)
            (session.Owner as IClientChannel)?.Close();
        _failure.TrySetResult(reason);
    }

    private void Connect(IClientChannel ch, ConnectRequest request, bool hasReadOnlyByte)
    {
        Metrics.Counter("connection_request_count").Add(1);
        if (request.LastZxidSeen > LastZxid)
        {
            // The client has seen a newer state than ours: it must try another server (§2.2 rule 4).
            Log.Refused(_logger, ch.RemoteAddress, $"client zxid {request.LastZxidSeen} is ahead of ours {LastZxid}");
            _outbox.Close(ch);
            return;
        }

        var timeoutMs = Math.Clamp(request.TimeoutMs, _options.EffectiveMinSessionTimeoutMs, _options.EffectiveMaxSessionTimeoutMs);
        ch.AuthIds.Add(new Id("ip", ch.RemoteAddress));
        if (_ensemble is not null)
        {
            ConnectInEnsemble(ch, request, timeoutMs, hasReadOnlyByte);
            return;
        }

        if (request.SessionId.Value == 0)
        {
            var id = _sessions.NextId();
            Commit(NewTxn(id, 0, OpCode.CreateSession, new CreateSessionTxn(timeoutMs)));
            Attach(ch, _sessions.Add(id, timeoutMs, NowMs));
            _outbox.Connected(ch, new ConnectResponse(0, timeoutMs, new SessionId(id), SessionPasswords.For(id)), hasReadOnlyByte);
            Log.SessionEstablished(_logger, new SessionId(id).ToString(), timeoutMs, ch.RemoteAddress);
            return;
        }

        Reconnect(ch, request, timeoutMs, hasReadOnlyByte);
    }

    private void ConnectInEnsemble(IClientChannel ch, ConnectRequest request, int timeoutMs, bool hasReadOnlyByte)
    {
        if (!_serving)
        {
            // Like Java while there is no leader: the client tries another server (§11.7).
            _outbox.Close(ch);
            return;
        }

        var pending = new PendingConnect(ch, request, timeoutMs, hasReadOnlyByte);
        if (request.SessionId.Value == 0)
        {
            var id = _sessions.NextId();
            _connects[id] = pending;
            if (_leading)
                Propose(NewTxn(id, 0, OpCode.CreateSession, new CreateSessionTxn(timeoutMs)));
            else
                _ensemble!.Forward(id, 0, OpCode.CreateSession, BitConverter.IsLittleEndian ? BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(timeoutMs)) : BitConverter.GetBytes(timeoutMs), null);
            return;
        }

        if (_leading)
        {
            Reconnect(ch, request, timeoutMs, hasReadOnlyByte);
            return;
        }

        var session = _sessions.Get(request.SessionId.Value);
        if (session?.Owner is IClientChannel previous && previous != ch)
        {
            Detach(previous);
            _outbox.Close(previous);
        }

        var password = SessionPasswords.For(request.SessionId.Value);
        if (request.Password is null || !password.AsSpan().SequenceEqual(request.Password))
        {
            _outbox.Connected(ch, new ConnectResponse(0, 0, SessionId.None, new byte[16]), hasReadOnlyByte);
            _outbox.Close(ch);
            return;
        }

        _revalidations[request.SessionId.Value] = pending;
        _ensemble!.Revalidate(request.SessionId.Value, timeoutMs);
    }

    private void Reconnect(IClientChannel ch, ConnectRequest request, int timeoutMs, bool hasReadOnlyByte)
    {
        var session = _sessions.Get(request.SessionId.Value);
        // The live connection goes first, even if the password turns out wrong (§2.2 7a, Q4).
        if (session?.Owner is IClientChannel previous && previous != ch)
        {
            Detach(previous);
            _outbox.Close(previous);
        }

        var password = SessionPasswords.For(request.SessionId.Value);
        if (session is null || session.Closing || request.Password is null || !password.AsSpan().SequenceEqual(request.Password))
        {
            _outbox.Connected(ch, new ConnectResponse(0, 0, SessionId.None, new byte[16]), hasReadOnlyByte);
            _outbox.Close(ch);
            return;
        }

        session.TouchTimeoutMs = timeoutMs;
        Attach(ch, session);
        _outbox.Connected(ch, new ConnectResponse(0, timeoutMs, request.SessionId, password), hasReadOnlyByte);
    }

    private void Attach(IClientChannel ch, Session session)
    {
        ch.SessionId = session.Id;
        session.Owner = ch;
        _sessions.Touch(session, session.TouchTimeoutMs, NowMs);
    }

    private void Detach(IClientChannel ch)
    {
        _sasl.Remove(ch);
        Watches.RemoveAll(ch);
        if (_sessions.Get(ch.SessionId) is { } session && session.Owner == ch)
            session.Owner = null;
        ch.SessionId = 0;
    }

    private void Disconnect(IClientChannel ch) => Detach(ch);

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
        _replicator.Append(txn, Tree.Digest);
        foreach (var change in events)
            Watches.Trigger(change);
        return result;
    }

    /// <summary>One inbox entry: a <see cref="Work"/>, or (when that is null) a client's request by value.</summary>
    private readonly record struct Inbound(Work? Work, ClientRequest Request);
}
