using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Net;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Processing;

/// <summary>The request half of the apply loop: dispatch by opcode, prep writes, answer reads.</summary>
internal sealed partial class Engine
{
    private void Request(in ClientRequest w)
    {
        var ch = w.Channel;
        var session = _sessions.Get(ch.SessionId);
        if (session is null || session.Closing || session.Owner != ch)
        {
            _outbox.Close(ch);
            return;
        }

        _sessions.Touch(session, session.TouchTimeoutMs, NowMs);
        if (_ensemble is not null && (!_serving || !Admit(w, session)))
        {
            if (!_serving)
                _outbox.Close(ch);
            return;
        }

        Execute(w);
    }

    private void Execute(in ClientRequest w)
    {
        var ch = w.Channel;
        if (_sessions.Get(ch.SessionId) is not { } session)
        {
            _outbox.Close(ch);
            return;
        }

        if (w.Malformed)
        {
            Log.MalformedRequest(_logger, w.Op.ToString(), new SessionId(ch.SessionId).ToString());
            // Java answers a record it cannot read with MARSHALLINGERROR; a write still uses a zxid.
            if (IsWrite(w.Op) && _ensemble is null)
                Commit(NewTxn(ch.SessionId, w.Xid, OpCode.Error, new ErrorTxn(ErrorCode.MarshallingError)));
            _outbox.Reply(ch, w.Xid, LastZxid, ErrorCode.MarshallingError, null);
            return;
        }

        switch (w.Op)
        {
            case OpCode.Ping:
                _outbox.Reply(ch, Xids.Ping, LastZxid, ErrorCode.Ok, null);
                break;
            case OpCode.Auth:
                Authenticate(ch, w.Xid, (AuthPacket)w.Body!);
                break;
            case OpCode.Sasl:
                Sasl(ch, w.Xid, (SaslToken)w.Body!);
                break;
            case OpCode.CreateSession when _ensemble is not null:
                _outbox.Reply(ch, w.Xid, LastZxid, ErrorCode.MarshallingError, null);
                break;
            case OpCode.CloseSession or OpCode.Sync when _ensemble is not null:
                Submit(ch, w.Xid, w.Op, w.Body);
                break;
            case var op when IsWrite(op) && _ensemble is not null:
                Submit(ch, w.Xid, op, w.Body);
                break;
            case OpCode.CreateSession:
                // Only the server makes this op; Java answers a client that sends it with -5, using up a zxid.
                Commit(NewTxn(ch.SessionId, w.Xid, OpCode.Error, new ErrorTxn(ErrorCode.MarshallingError)));
                _outbox.Reply(ch, w.Xid, LastZxid, ErrorCode.MarshallingError, null);
                break;
            case OpCode.CloseSession:
                Log.SessionClosed(_logger, new SessionId(ch.SessionId).ToString());
                var closeZxid = CloseSession(ch, session.Id, w.Xid);
                _outbox.Reply(ch, w.Xid, closeZxid, ErrorCode.Ok, null);
                _outbox.Close(ch);
                break;
            case var op when IsWrite(op):
                Write(ch, w.Xid, op, w.Body!);
                break;
            case var op when Reads.IsRead(op):
                var (err, body) = _reads.Handle(ch, op, w.Body);
                Reply(ch, w.Xid, LastZxid, err, body);
                break;
            default:
                // Unknown ops, and a bare check (Java 3.8 corrupts its log on it; 3.9 rejects it, §14 Q1).
                Log.UnknownOp(_logger, (int)w.Op, new SessionId(ch.SessionId).ToString());
                _outbox.Reply(ch, w.Xid, new Zxid(-1), ErrorCode.Unimplemented, null);
                _outbox.Close(ch);
                break;
        }
    }

    private static bool IsWrite(OpCode op) => op is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer
        or OpCode.CreateTtl or OpCode.Delete or OpCode.SetData or OpCode.SetAcl or OpCode.Multi or OpCode.Reconfig
        or OpCode.DeleteContainer;

    private void Write(IClientChannel ch, int xid, OpCode op, IJuteWritable body)
    {
        var txn = PrepareWrite(ch.SessionId, xid, op, body, ch.AuthIds);
        var (err, reply) = Commit(txn);
        Reply(ch, xid, txn.Header.Zxid, err, reply);
    }

    /// <summary>Preps a write into its txn (an error txn when a check fails); the txn uses up the next zxid.</summary>
    private Txn PrepareWrite(long sessionId, int xid, OpCode op, IJuteWritable body, HashSet<Id> authIds)
    {
        var txn = NewTxn(sessionId, xid, op, null);
        _view.Begin(txn.Header.Zxid.Value);
        var mark = _view.Mark();
        try
        {
            var (type, record) = op == OpCode.Multi
                ? (OpCode.Multi, PrepMulti((MultiRequest)body, sessionId, authIds))
                : _prep.Write(op, body, sessionId, authIds);
            return txn with { Header = txn.Header with { Type = type }, Record = record };
        }
        catch (PrepException e)
        {
            // Back to the view before this write: txns in flight keep their changes (ensemble leader).
            _view.Rollback(mark);
            return txn with { Header = txn.Header with { Type = OpCode.Error }, Record = new ErrorTxn(e.Code) };
        }
        finally
        {
            _view.End();
        }
    }

    private MultiOps PrepMulti(MultiRequest request, long sessionId, HashSet<Id> authIds)
    {
        // Reads may not be mixed into a multi (§3.5).
        if (request.Ops.Exists(op => op.Type is OpCode.GetData or OpCode.GetChildren))
            throw new PrepException(ErrorCode.MarshallingError);
        var mark = _view.Mark();
        var ops = new List<(OpCode, IJuteWritable)>(request.Ops.Count);
        var failed = false;
        foreach (var op in request.Ops)
        {
            if (failed)
            {
                ops.Add((OpCode.Error, new ErrorTxn(ErrorCode.RuntimeInconsistency)));
                continue;
            }

            try
            {
                ops.Add(_prep.Write(op.Type, op.Request, sessionId, authIds));
            }
            catch (PrepException e)
            {
                failed = true;
                _view.Rollback(mark);
                ops.Add((OpCode.Error, new ErrorTxn(e.Code)));
            }
        }

        return new MultiOps(ops);
    }

    /// <summary>addauth (§6.3). The reply echoes the request's xid (-4 from every known client) with zxid 0.</summary>
    private void Authenticate(IClientChannel ch, int xid, AuthPacket packet)
    {
        Id? id = packet.Scheme switch
        {
            "digest" => new Id("digest", DigestAuth.Generate(System.Text.Encoding.UTF8.GetString(packet.Auth ?? []))),
            "ip" => new Id("ip", ch.RemoteAddress),
            _ => null,
        };
        if (id is null)
        {
            // Unknown scheme or bad credentials: AUTHFAILED, then close (§6.3).
            _outbox.Reply(ch, xid, Zxid.Zero, ErrorCode.AuthFailed, null);
            _outbox.Close(ch);
            return;
        }

        ch.AuthIds.Add(id);
        if (id.Scheme == "digest" && id.Ident == _options.SuperDigest)
            ch.AuthIds.Add(new Id("super", ""));
        _outbox.Reply(ch, xid, Zxid.Zero, ErrorCode.Ok, null);
    }

    /// <summary>Handlers return no body with an error (§3.1), except where Java sends one anyway (multiRead).</summary>
    /// <summary>
    /// op 102 (§3.3): DIGEST-MD5 against the JAAS users; success adds sasl:&lt;user&gt; (and super for
    /// zookeeper.superUser). Without JAAS users Java answers a null token. Replies carry zxid 0.
    /// </summary>
    private void Sasl(IClientChannel ch, int xid, SaslToken request)
    {
        if (_saslUsers is null)
        {
            _outbox.Reply(ch, xid, Zxid.Zero, ErrorCode.Ok, new SaslToken(null));
            return;
        }

        if (!_sasl.TryGetValue(ch, out var exchange))
            _sasl[ch] = exchange = new DigestMd5Server(_saslUsers);
        try
        {
            var token = exchange.Evaluate(request.Token ?? []);
            if (exchange.Complete)
            {
                _sasl.Remove(ch);
                ch.AuthIds.Add(new Id("sasl", exchange.User!));
                if (exchange.User == _options.SuperUser)
                    ch.AuthIds.Add(new Id("super", ""));
            }

            _outbox.Reply(ch, xid, Zxid.Zero, ErrorCode.Ok, new SaslToken(token));
        }
        catch (AuthenticationException e)
        {
            Log.SaslFailed(_logger, ch.RemoteAddress, e.Message);
            _sasl.Remove(ch);
            _outbox.Reply(ch, xid, Zxid.Zero, ErrorCode.AuthFailed, new SaslToken(null));
            _outbox.Close(ch);
        }
    }

    private void Reply(IClientChannel ch, int xid, Zxid zxid, ErrorCode err, IJuteWritable? body) =>
        _outbox.Reply(ch, xid, zxid, err, body);
}
