using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Net;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The engine as an ensemble member. The leader preps writes (over the prep view, which keeps
/// outstanding changes until they are applied) and proposes them; learners forward them. Every
/// member applies only committed txns, in zxid order, and answers its own clients then; until
/// a session's write is answered, its later requests wait (per-session FIFO).
/// </summary>
internal sealed partial class Engine
{
    private readonly Dictionary<long, SessionQueue> _queues = [];
    private readonly Dictionary<long, PendingConnect> _connects = [];
    private readonly Dictionary<long, PendingConnect> _revalidations = [];
    private readonly Queue<(Zxid Barrier, long SessionId)> _syncBarriers = new();
    private readonly Queue<long> _learnerSyncs = new();
    private IEnsemble? _ensemble;
    private volatile bool _serving;
    private bool _leading;
    private Zxid _lastPrepared;

    private byte[]? _configText;

    /// <summary>
    /// Makes this engine an ensemble member with <paramref name="configText"/> in /zookeeper/config;
    /// it serves nobody until a <see cref="ServeWork"/>. Call before the loop runs.
    /// </summary>
    public void JoinEnsemble(IEnsemble ensemble, byte[] configText)
    {
        _ensemble = ensemble;
        _configText = configText;
        Tree.SetConfig(configText, 0, WallMs);
    }

    /// <summary>Standalone servers always serve; ensemble members only with an established leader.</summary>
    public bool Serving => _ensemble is null || _serving;

    private void ProcessEnsemble(Work work)
    {
        switch (work)
        {
            case ServeWork w:
                _serving = true;
                _leading = w.Leader;
                // Like Java, a member serving an epoch reports at least its zxid 0 (srvr, reply
                // headers): a client that saw it on a Java member is then not refused here.
                if (LastZxid < Zxid.Of(w.Epoch, 0))
                    LastZxid = Zxid.Of(w.Epoch, 0);
                _lastPrepared = LastZxid;
                break;
            case ResetWork w:
                Reset(w.State);
                w.Done.TrySetResult();
                break;
            case CommittedWork w:
                ApplyCommitted(w.Txn);
                break;
            case LearnerRequestWork w:
                LearnerRequest(w);
                break;
            case TouchWork w when _sessions.Get(w.SessionId) is { } session:
                _sessions.Touch(session, w.TimeoutMs, NowMs);
                break;
            case RevalidateWork w:
                RevalidateForLearner(w);
                break;
            case RevalidatedWork w:
                Revalidated(w.SessionId, w.Valid);
                break;
            case SyncedWork when _learnerSyncs.TryDequeue(out var sessionId):
                CompleteHead(sessionId, null);
                break;
            case CaptureWork w:
                w.Done.TrySetResult((LastZxid, SnapshotImage.Capture(Tree, LastZxid, _sessions.All.Select(s => (s.Id, s.TimeoutMs)))));
                break;
        }
    }

    private void Reset(RecoveredState state)
    {
        _serving = false;
        _leading = false;
        foreach (var session in _sessions.All)
            (session.Owner as IClientChannel)?.Close();
        foreach (var pending in _connects.Values.Concat(_revalidations.Values))
            pending.Channel.Close();
        _queues.Clear();
        _connects.Clear();
        _revalidations.Clear();
        _syncBarriers.Clear();
        _learnerSyncs.Clear();
        _sasl.Clear();
        Load(state);
        if (_configText is not null)
            Tree.SetConfig(_configText, 0, WallMs);
    }

    /// <summary>
    /// Admits a request of a live session: false when it must wait behind the session's requests
    /// in flight. Writes pipeline behind writes (the quorum keeps their order, and prep sees the
    /// changes in flight); anything answered here, reads first, waits until they are answered.
    /// </summary>
    private bool Admit(in ClientRequest w, Sessions.Session session)
    {
        if (!_leading)
            _ensemble!.Touched(session.Id, session.TouchTimeoutMs);
        if (!_queues.TryGetValue(session.Id, out var queue) || queue.Idle || (queue.Waiting.Count == 0 && GoesToQuorum(w)))
            return true;
        queue.Waiting.Enqueue(w);
        return false;
    }

    /// <summary>Requests answered in quorum order: writes, closeSession and sync.</summary>
    private static bool GoesToQuorum(in ClientRequest w) =>
        !w.Malformed && (w.Op is OpCode.CloseSession or OpCode.Sync || IsWrite(w.Op));

    /// <summary>A write, closeSession or sync of a local client goes to the quorum.</summary>
    private void Submit(IClientChannel ch, int xid, OpCode op, IJuteWritable? body)
    {
        var queue = QueueOf(ch.SessionId);
        if (op == OpCode.Sync)
        {
            var path = ((PathRequest)body!).Path ?? "";
            if (_leading && _lastPrepared <= LastZxid)
            {
                Reply(ch, xid, LastZxid, ErrorCode.Ok, new PathResponse(path));
                return;
            }

            queue.InFlight.Enqueue(new PendingOp(ch, xid, op, path));
            if (_leading)
                _syncBarriers.Enqueue((_lastPrepared, ch.SessionId));
            else
                Forward(ch.SessionId, xid, op, body, ch.AuthIds.ToList());
            if (!_leading)
                _learnerSyncs.Enqueue(ch.SessionId);
            return;
        }

        queue.InFlight.Enqueue(new PendingOp(ch, xid, op));
        if (!_leading)
        {
            Forward(ch.SessionId, xid, op, body, ch.AuthIds.ToList());
            return;
        }

        if (op == OpCode.CloseSession)
            ProposeClose(ch.SessionId, xid);
        else
            Propose(PrepareWrite(ch.SessionId, xid, op, body!, ch.AuthIds));
    }

    private void Forward(long sessionId, int xid, OpCode op, IJuteWritable? body, IReadOnlyList<Id> auth)
    {
        var bytes = new ArrayBufferWriter<byte>();
        body?.Write(new JuteWriter(bytes));
        _ensemble!.Forward(sessionId, xid, op, bytes.WrittenSpan.ToArray(), auth);
    }

    private void Propose(Txn txn)
    {
        // Later preps see this txn's changes through the view until it is applied.
        _ensemble!.Propose(txn);
    }

    private void ProposeClose(long sessionId, int cxid)
    {
        if (_sessions.Get(sessionId) is { } session)
            session.Closing = true;
        // Writes of the session may still be in flight (they pipeline): its ephemerals are what
        // prep sees, and later preps see them gone, parents' child counts included.
        var ephemerals = _view.EphemeralsOf(sessionId);
        var txn = NewTxn(sessionId, cxid, OpCode.CloseSession, new CloseSessionTxn(ephemerals));
        _view.Begin(txn.Header.Zxid.Value);
        foreach (var path in ephemerals)
        {
            var parent = ZkCompat.Server.Tree.PathRules.Parent(path);
            if (_view.Get(parent) is { } record)
                _view.Put(parent, record with { ChildCount = record.ChildCount - 1 });
            _view.Put(path, null);
        }

        _view.End();
        Propose(txn);
    }

    private SessionQueue QueueOf(long sessionId)
    {
        if (!_queues.TryGetValue(sessionId, out var queue))
            _queues[sessionId] = queue = new SessionQueue();
        return queue;
    }
}
