using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Net;
using ZkCompat.Server.Security;
using ZkCompat.Server.Sessions;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>Ensemble members: applying committed txns and answering the clients waiting for them.</summary>
internal sealed partial class Engine
{
    private void ApplyCommitted(Txn txn)
    {
        LastZxid = txn.Header.Zxid;
        var events = new List<ChangeEvent>();
        var (err, body) = _final.Apply(txn, events);
        foreach (var change in events)
            Watches.Trigger(change);
        var sessionId = txn.Header.ClientId.Value;
        switch (txn.Header.Type)
        {
            case OpCode.CreateSession:
                SessionCreated(sessionId, ((CreateSessionTxn)txn.Record!).TimeoutMs);
                break;
            case OpCode.CloseSession:
                CompleteHead(sessionId, txn, err, body, OpCode.CloseSession);
                SessionClosed(sessionId);
                break;
            default:
                CompleteHead(sessionId, txn, err, body, null);
                break;
        }

        if (_leading)
            _view.Applied(LastZxid.Value);
        while (_syncBarriers.TryPeek(out var barrier) && barrier.Barrier <= LastZxid)
        {
            _syncBarriers.Dequeue();
            CompleteHead(barrier.SessionId, null);
        }
    }

    private void SessionCreated(long sessionId, int timeoutMs)
    {
        var session = _sessions.Get(sessionId) ?? _sessions.Add(sessionId, timeoutMs, NowMs);
        if (!_connects.Remove(sessionId, out var pending))
            return;
        Attach(pending.Channel, session);
        _outbox.Connected(pending.Channel, new ConnectResponse(0, timeoutMs, new SessionId(sessionId), SessionPasswords.For(sessionId)), pending.HasReadOnlyByte);
        Log.SessionEstablished(_logger, new SessionId(sessionId).ToString(), timeoutMs, pending.Channel.RemoteAddress);
    }

    private void SessionClosed(long sessionId)
    {
        var owner = _sessions.Get(sessionId)?.Owner as IClientChannel;
        if (owner is not null)
        {
            Detach(owner);
            _outbox.Close(owner);
        }

        _sessions.Remove(sessionId);
        _queues.Remove(sessionId);
    }

    /// <summary>Answers the oldest request in flight of a session (a write's txn, or a sync), then lets waiting ones run.</summary>
    private void CompleteHead(long sessionId, Txn? txn, ErrorCode err = ErrorCode.Ok, IJuteWritable? body = null, OpCode? expected = null)
    {
        if (!_queues.TryGetValue(sessionId, out var queue) || !queue.InFlight.TryPeek(out var op))
            return;
        if (txn is not null && op.Xid != txn.Header.Cxid)
            return;
        if (txn is null && op.Op != OpCode.Sync)
            return;
        _ = expected;
        queue.InFlight.Dequeue();
        if (op.Op == OpCode.Sync)
            Reply(op.Channel, op.Xid, LastZxid, ErrorCode.Ok, new PathResponse(op.SyncPath ?? ""));
        else
            Reply(op.Channel, op.Xid, txn!.Header.Zxid, err, body);
        Drain(sessionId, queue);
    }

    private void Drain(long sessionId, SessionQueue queue)
    {
        while (queue.Waiting.TryPeek(out var next) && (queue.InFlight.Count == 0 || GoesToQuorum(next)))
        {
            queue.Waiting.Dequeue();
            Execute(next);
        }

        if (queue.Idle)
            _queues.Remove(sessionId);
    }

    /// <summary>Leader: a learner's client request, prepped as if it were local; the learner answers its client.</summary>
    private void LearnerRequest(LearnerRequestWork w)
    {
        if (!_leading)
            return;
        if (w.Type == OpCode.CreateSession)
        {
            var timeoutMs = w.Request.Length >= 4 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(w.Request) : _options.EffectiveMinSessionTimeoutMs;
            Propose(NewTxn(w.SessionId, w.Cxid, OpCode.CreateSession, new CreateSessionTxn(timeoutMs)));
            return;
        }

        var session = _sessions.Get(w.SessionId);
        if (session is null || (session.Closing && w.Type != OpCode.CloseSession))
        {
            Propose(NewTxn(w.SessionId, w.Cxid, OpCode.Error, new ErrorTxn(ErrorCode.SessionExpired)));
            return;
        }

        if (w.Type == OpCode.CloseSession)
        {
            ProposeClose(w.SessionId, w.Cxid);
            return;
        }

        var reader = new JuteReader(w.Request);
        IJuteWritable? body = null;
        var readable = false;
        try
        {
            readable = Requests.TryReadRequest(w.Type, ref reader, out body) && body is not null;
        }
        catch (ProtocolException)
        {
        }

        if (!readable || !IsWrite(w.Type))
        {
            Propose(NewTxn(w.SessionId, w.Cxid, OpCode.Error, new ErrorTxn(ErrorCode.MarshallingError)));
            return;
        }

        var auth = new HashSet<Id>(w.AuthInfo ?? []);
        Propose(PrepareWrite(w.SessionId, w.Cxid, w.Type, body!, auth));
    }

    private void RevalidateForLearner(RevalidateWork w)
    {
        var session = _sessions.Get(w.SessionId);
        var valid = session is { Closing: false };
        if (valid)
        {
            // The session now lives on that learner; a local connection holding it is stale.
            if (session!.Owner is IClientChannel local)
            {
                Detach(local);
                _outbox.Close(local);
            }

            session.Owner = null;
            _sessions.Touch(session, w.TimeoutMs, NowMs);
        }

        _ensemble!.AnswerRevalidate(w.Channel, w.SessionId, valid);
    }

    private void Revalidated(long sessionId, bool valid)
    {
        if (!_revalidations.Remove(sessionId, out var pending))
            return;
        var session = _sessions.Get(sessionId);
        if (!valid || session is null)
        {
            _outbox.Connected(pending.Channel, new ConnectResponse(0, 0, SessionId.None, new byte[16]), pending.HasReadOnlyByte);
            _outbox.Close(pending.Channel);
            return;
        }

        session.TouchTimeoutMs = pending.TimeoutMs;
        Attach(pending.Channel, session);
        _outbox.Connected(pending.Channel, new ConnectResponse(0, pending.TimeoutMs, new SessionId(sessionId), SessionPasswords.For(sessionId)), pending.HasReadOnlyByte);
    }
}
