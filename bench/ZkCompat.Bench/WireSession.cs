using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Bench;

/// <summary>
/// One ZooKeeper session over a socket, pipelined: requests are queued with their send time, the
/// server answers each session in order (PROTOCOL.md §3.1), so replies are matched to the queue's
/// head. One receive loop per session; whatever the handler queues in reply goes out in one send.
/// </summary>
internal sealed class WireSession : IAsyncDisposable
{
    private static readonly byte[] s_close = Frames.CloseSession();
    private static readonly byte[] s_ping = Frames.Ping();

    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _inflight = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private ArrayBufferWriter<byte> _sending = new(64 * 1024);
    private byte[] _receive = new byte[256 * 1024];
    private bool _sendBusy;
    private bool _closing;
    private int _nextXid = 1;
    private long _lastSend = Stopwatch.GetTimestamp();

    private WireSession(Socket socket, int index, SessionStats stats, long sessionId)
    {
        _socket = socket;
        Index = index;
        Stats = stats;
        SessionId = sessionId;
    }

    public int Index { get; }

    public SessionStats Stats { get; }

    public long SessionId { get; }

    public ISessionHandler? Handler { get; set; }

    /// <summary>Completes when the server closed the connection (or it broke).</summary>
    public Task Closed => _closed.Task;

    public int Outstanding
    {
        get
        {
            lock (_gate)
                return _inflight.Count;
        }
    }

    /// <summary>Opens a socket and a new session; the handshake is timed as a Connect op.</summary>
    public static async Task<WireSession> ConnectAsync(IPEndPoint server, int index, SessionStats stats, int sessionTimeoutMs, CancellationToken cancellation)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var start = Stopwatch.GetTimestamp();
        try
        {
            await socket.ConnectAsync(server, cancellation).ConfigureAwait(false);
            var output = new ArrayBufferWriter<byte>(64);
            output.Advance(4);
            var writer = new JuteWriter(output);
            new ConnectRequest(0, Zxid.Zero, sessionTimeoutMs, Protocol.Ids.SessionId.None, new byte[16]).Write(writer);
            writer.WriteBool(false);
            Protocol.Framing.FrameWriter.PatchLength(output, 0);
            await socket.SendAsync(output.WrittenMemory, SocketFlags.None, cancellation).ConfigureAwait(false);
            var frame = await ReadFrameAsync(socket, cancellation).ConfigureAwait(false);
            var reader = new JuteReader(frame);
            var response = ConnectResponse.Read(ref reader);
            if (response.TimeoutMs <= 0)
                throw new IOException("the server refused the session");
            var session = new WireSession(socket, index, stats, response.SessionId.Value);
            stats.Completed(OpKind.Connect, start, Stopwatch.GetTimestamp());
            return session;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Queues a copy of <paramref name="frame"/> under the next xid; <see cref="Flush"/> sends it.
    /// Nothing is queued after closeSession (a workload's last reply may race with the close).
    /// </summary>
    public void Enqueue(OpKind op, byte[] frame, long tag = 0)
    {
        lock (_gate)
        {
            if (_closing)
                return;
            _closing = op == OpKind.Close;
            var xid = _nextXid++;
            var span = _pending.GetSpan(frame.Length);
            frame.CopyTo(span);
            BinaryPrimitives.WriteInt32BigEndian(span[Frames.XidOffset..], xid);
            _pending.Advance(frame.Length);
            _inflight.Enqueue(new Pending(xid, op, tag, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Starts sending what is queued unless a send is already under way (it will pick it up).</summary>
    public void Flush()
    {
        ArrayBufferWriter<byte> batch;
        lock (_gate)
        {
            if (_sendBusy || _pending.WrittenCount == 0)
                return;
            _sendBusy = true;
            _lastSend = Stopwatch.GetTimestamp();
            (batch, _pending, _sending) = (_pending, _sending, _pending);
        }

        _ = SendLoopAsync(batch);
    }

    /// <summary>A ping when nothing was sent for a while, so idle sessions do not expire.</summary>
    public void PingIfIdle(long idleTicks)
    {
        lock (_gate)
        {
            if (_sendBusy || Stopwatch.GetTimestamp() - _lastSend < idleTicks)
                return;
            _pending.Write(s_ping);
        }

        Flush();
    }

    public async Task RunAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _receive.Length)
                    Array.Resize(ref _receive, _receive.Length * 2);
                var read = await _socket.ReceiveAsync(_receive.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                    break;
                filled += read;
                var consumed = Parse(filled);
                if (consumed > 0)
                {
                    Buffer.BlockCopy(_receive, consumed, _receive, 0, filled - consumed);
                    filled -= consumed;
                }

                Flush();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or ProtocolException)
        {
        }

        FailInflight("connection_loss");
        _closed.TrySetResult();
    }

    /// <summary>Ends the session (closeSession), then the socket; bounded by <paramref name="timeout"/>.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        Enqueue(OpKind.Close, s_close);
        Flush();
        await Task.WhenAny(Closed, Task.Delay(timeout)).ConfigureAwait(false);
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private int Parse(int filled)
    {
        var offset = 0;
        var now = Stopwatch.GetTimestamp();
        while (filled - offset >= 4)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(_receive.AsSpan(offset));
            if (length < 16)
                throw new ProtocolException($"reply frame of {length} bytes");
            if (filled - offset - 4 < length)
                break;
            Dispatch(_receive.AsMemory(offset + 4, length), now);
            offset += 4 + length;
        }

        return offset;
    }

    private void Dispatch(ReadOnlyMemory<byte> frame, long now)
    {
        var reader = new JuteReader(frame);
        var xid = reader.ReadInt();
        reader.ReadLong();
        var err = reader.ReadInt();
        if (xid == Xids.Notification)
        {
            var type = reader.ReadInt();
            reader.ReadInt();
            var length = reader.ReadInt();
            Handler?.OnNotification(this, type, frame.Span.Slice(28, Math.Max(0, length)), now);
            return;
        }

        if (xid == Xids.Ping)
            return;
        Pending request;
        lock (_gate)
        {
            if (!_inflight.TryDequeue(out request))
                throw new ProtocolException($"reply {xid} to no request");
        }

        if (request.Xid != xid)
            Stats.Error(request.Op, "out_of_order", now);
        else if (err == 0)
            Stats.Completed(request.Op, request.StartTimestamp, now);
        else
            Stats.Error(request.Op, ((ErrorCode)err).ToString(), now);
        Handler?.OnReply(this, new Completion(request.Op, request.Tag, err, request.StartTimestamp, now), frame.Span[16..]);
    }

    private async Task SendLoopAsync(ArrayBufferWriter<byte> batch)
    {
        try
        {
            while (true)
            {
                var bytes = batch.WrittenMemory;
                while (bytes.Length > 0)
                {
                    var sent = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
                    bytes = bytes[sent..];
                }

                batch.ResetWrittenCount();
                lock (_gate)
                {
                    if (_pending.WrittenCount == 0)
                    {
                        _sendBusy = false;
                        return;
                    }

                    (batch, _pending, _sending) = (_pending, _sending, _pending);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            lock (_gate)
                _sendBusy = false;
        }
    }

    private void FailInflight(string code)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            while (_inflight.TryDequeue(out var request))
            {
                // The server closes the socket after answering closeSession; that is no loss.
                if (request.Op != OpKind.Close)
                    Stats.Error(request.Op, code, now);
            }
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadFrameAsync(Socket socket, CancellationToken cancellation)
    {
        var head = new byte[4];
        await ReceiveExactlyAsync(socket, head, cancellation).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(head);
        if (length is < 0 or > 1 << 20)
            throw new ProtocolException($"handshake reply of {length} bytes");
        var body = new byte[length];
        await ReceiveExactlyAsync(socket, body, cancellation).ConfigureAwait(false);
        return body;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellation)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation).ConfigureAwait(false);
            if (read == 0)
                throw new IOException("the server closed the connection during the handshake");
            buffer = buffer[read..];
        }
    }

    private readonly record struct Pending(int Xid, OpKind Op, long Tag, long StartTimestamp);
}
