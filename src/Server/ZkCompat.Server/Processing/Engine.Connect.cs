using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Net;
using ZkCompat.Server.Sessions;

namespace ZkCompat.Server.Processing;

/// <summary>The handshake: a ConnectRequest makes or takes over a session (PROTOCOL.md §2.2), after the connection throttle.</summary>
internal sealed partial class Engine
{
    /// <summary>Java's BlueThrottle; made again with the engine's state, as Java makes a new server per role.</summary>
    private ConnectionThrottle _connectThrottle;

    /// <summary>BLUE's chance of refusing a connect (mntr's connection_drop_probability); read on the loop.</summary>
    public double ConnectionDropChance => _connectThrottle.DropChance;

    private void Connect(IClientChannel ch, ConnectRequest request, bool hasReadOnlyByte)
    {
        if (_ensemble is not null && !_serving)
        {
            // Like Java while there is no leader: the client tries another server (§11.7). Java
            // refuses before its server sees the request, so this takes no throttle token.
            _outbox.Close(ch);
            return;
        }

        // Then Java's connection throttle: a refused connect is closed unanswered and is not a
        // connection request (nor does it close the session's live connection).
        if (!_connectThrottle.TryTake(_options.ConnectionThrottle.TokensFor(request.SessionId.Value == 0), NowMs))
        {
            Metrics.Counter("connection_rejected").Add(1);
            Log.Refused(_logger, ch.RemoteAddress, "the connection throttle refused the connect");
            _outbox.Close(ch);
            return;
        }

        Metrics.Summary("connection_token_deficit").Add(_connectThrottle.Deficit);
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
}
