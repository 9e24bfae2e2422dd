using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Ops;

/// <summary>
/// One connection's counters (cons, stat, the connections admin command). The connection's reader
/// records requests, the apply loop's sends record replies; replies leave in request order, so
/// the oldest pending request is the one a reply answers.
/// </summary>
internal sealed class ConnectionStats
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Timestamp, OpCode Op)> _pending = new();
    private readonly ServerStats _server;
    private readonly TimeProvider _time;
    private long _received;
    private long _sent;
    private string _lastOp = "NA";
    private long _lastCxid = -1;
    private long _lastZxid = -1;
    private long _lastResponseMs;

    public ConnectionStats(ServerStats server, TimeProvider time, string remote)
    {
        _server = server;
        _time = time;
        Remote = remote;
        EstablishedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>ip:port of the client, without Java's leading slash.</summary>
    public string Remote { get; }

    /// <summary>Wall-clock ms when the connection was accepted (est= in cons).</summary>
    public long EstablishedMs { get; }

    public long SessionId { get; private set; }

    public int SessionTimeoutMs { get; private set; }

    public LatencyTracker Latency { get; } = new();

    public ServerStats Server => _server;

    public ConnectionSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ConnectionSnapshot(Remote, SessionId != 0 ? 1 : 0, _pending.Count, _received, _sent, SessionId, _lastOp,
                EstablishedMs, SessionTimeoutMs, _lastCxid, _lastZxid, _lastResponseMs, Latency.Last, Latency.Min, Latency.Average, Latency.Max);
        }
    }

    /// <summary>A frame (<paramref name="bytes"/> with its length prefix) or a four-letter word (4) came in.</summary>
    public void Received(int bytes)
    {
        lock (_gate)
            _received++;
        _server.Received(bytes);
    }

    /// <summary>A request went to the engine; its reply will come in order.</summary>
    public void Posted(OpCode op)
    {
        lock (_gate)
            _pending.Enqueue((_time.GetTimestamp(), op));
    }

    public void Connected(ConnectResponse response)
    {
        lock (_gate)
        {
            SessionId = response.SessionId.Value;
            SessionTimeoutMs = response.TimeoutMs;
        }
    }

    /// <summary>
    /// Something was sent (<paramref name="bytes"/> with the length prefix): a reply (which ends the
    /// oldest pending request), a notification or a handshake. Java's sizes leave the prefix out and
    /// count only ReplyHeader frames; response_bytes leaves out pings, auth and SASL, which Java
    /// answers outside its FinalRequestProcessor.
    /// </summary>
    public void Sent(object header, int bytes)
    {
        if (header is ReplyHeader reply)
            SentReply(reply.Xid, reply.Zxid, bytes);
        else
            Sent(isReply: false, 0, default, bytes);
    }

    /// <summary>A ReplyHeader frame (a reply or, with xid -1, a notification) went out; see <see cref="Sent(object, int)"/>.</summary>
    public void SentReply(int xid, Zxid zxid, int bytes) => Sent(isReply: true, xid, zxid, bytes);

    /// <summary>crst: zero the counters, as Java's resetStats does.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            (_received, _sent, _lastOp, _lastCxid, _lastZxid, _lastResponseMs) = (0, 0, "NA", -1, -1, 0);
        }

        Latency.Reset();
    }

    /// <summary>A four-letter word's answer went out: Java counts one packet per 8192 characters its writer flushes.</summary>
    public void SentText(int length)
    {
        var packets = (length + 8191) / 8192;
        lock (_gate)
            _sent += packets;
        for (var i = 0; i < packets; i++)
            _server.Sent(null, null);
    }

    private void Sent(bool isReply, int xid, Zxid zxid, int bytes)
    {
        long? latencyMs = null;
        OpCode? answered = null;
        lock (_gate)
        {
            _sent++;
            if (isReply && xid != Xids.Notification && _pending.TryDequeue(out var request))
            {
                latencyMs = (long)_time.GetElapsedTime(request.Timestamp).TotalMilliseconds;
                answered = request.Op;
                _lastOp = OpNames.Of(request.Op);
                _lastCxid = xid;
                _lastZxid = zxid.Value;
                _lastResponseMs = MonotonicMs();
            }
        }

        if (latencyMs is { } ms)
            Latency.Add(ms);
        var packetBytes = isReply ? bytes - 4 : (int?)null;
        if (isReply && xid == Xids.Notification)
            _server.Metrics.WatchBytes.Add(bytes - 4);
        if (answered is { } op && latencyMs is { } requestMs && op is not (OpCode.Auth or OpCode.Sasl))
        {
            (MakesTxn(op) ? _server.Metrics.UpdateLatency : _server.Metrics.ReadLatency).Add(requestMs);
            if (op != OpCode.Ping)
                _server.Metrics.ResponseBytes.Add(bytes - 4);
        }

        _server.Sent(packetBytes, latencyMs);
    }

    /// <summary>Requests Java gives a txn header (writes, their errors, session changes): their latency is updatelatency.</summary>
    private static bool MakesTxn(OpCode op) => op is OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer
        or OpCode.Delete or OpCode.DeleteContainer or OpCode.SetData or OpCode.SetAcl or OpCode.Check or OpCode.Multi
        or OpCode.Reconfig or OpCode.CloseSession or OpCode.CreateSession;

    private long MonotonicMs() => _time.GetTimestamp() * 1000 / _time.TimestampFrequency;
}
