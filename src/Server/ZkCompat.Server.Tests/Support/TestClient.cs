using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Tests.Support;

/// <summary>
/// The client end of an in-memory connection: writes frames, reads replies and notifications.
/// Every wait is bounded, so a missing reply fails the test instead of hanging it.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly Task _connection;
    private readonly Dictionary<int, OpCode> _pending = [];
    private int _nextXid = 1;

    public TestClient(Engine engine, ServerOptions options, RequestThrottle? throttle = null)
    {
        var transport = new Transport(_toServer.Reader, _fromServer.Writer);
        _connection = new ClientConnection(transport, engine, "127.0.0.1", options, NullLogger.Instance, throttle: throttle).RunAsync();
    }

    public ConnectResponse? Session { get; private set; }

    /// <summary>Notifications received so far, in order.</summary>
    public List<WatcherEvent> Events { get; } = [];

    /// <summary>The xid of every frame read after the handshake, in arrival order (-1 = notification).</summary>
    public List<int> Received { get; } = [];

    public async Task<ConnectResponse> HandshakeAsync(ConnectRequest request, bool readOnlyByte = true)
    {
        await SendFrameAsync(w =>
        {
            request.Write(w);
            if (readOnlyByte)
                w.WriteBool(false);
        });
        var frame = await ReadFrameAsync() ?? throw new InvalidOperationException("closed during handshake");
        var reader = new JuteReader(frame);
        Session = ConnectResponse.Read(ref reader);
        Assert.Equal(readOnlyByte, reader.TryReadBool(out _));
        return Session;
    }

    /// <summary>Sends a request and returns its reply, collecting notifications that arrive before it.</summary>
    public async Task<Reply> CallAsync(OpCode op, IJuteWritable? body = null)
    {
        var xid = await SendAsync(op, body);
        return await ReplyToAsync(xid);
    }

    public async Task<int> SendAsync(OpCode op, IJuteWritable? body = null)
    {
        var xid = op == OpCode.Ping ? Xids.Ping : op == OpCode.Auth ? Xids.Auth : _nextXid++;
        _pending[xid] = op;
        await SendFrameAsync(w =>
        {
            new RequestHeader(xid, op).Write(w);
            body?.Write(w);
        });
        return xid;
    }

    /// <summary>Sends a request whose body is given as raw bytes (possibly malformed); returns its xid.</summary>
    public async Task<int> SendRawBodyAsync(OpCode op, byte[] body, int? xid = null)
    {
        var x = xid ?? _nextXid++;
        _pending[x] = op;
        await SendFrameAsync(w =>
        {
            new RequestHeader(x, op).Write(w);
            w.WriteRaw(body);
        });
        return x;
    }

    /// <summary>The next whole frame as raw bytes, without decoding; null once the server closed.</summary>
    public Task<byte[]?> NextFrameAsync() => ReadFrameAsync();

    public async Task<Reply> ReplyToAsync(int xid)
    {
        while (true)
        {
            var reply = await NextAsync() ?? throw new InvalidOperationException($"connection closed before reply {xid}");
            if (reply.Header.Xid == xid)
                return reply;
        }
    }

    /// <summary>The next reply that is not a notification; null once the server closed.</summary>
    public async Task<Reply?> NextAsync()
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (frame is null)
                return null;
            var reader = new JuteReader(frame);
            var header = ReplyHeader.Read(ref reader);
            Received.Add(header.Xid);
            if (header.Xid == Xids.Notification)
            {
                Events.Add(WatcherEvent.Read(ref reader));
                continue;
            }

            var op = _pending.Remove(header.Xid, out var o) ? o : OpCode.Notification;
            var body = header.Err == ErrorCode.Ok ? Requests.ReadResponse(op, ref reader) : null;
            Assert.True(reader.End, $"reply {header.Xid} has {reader.Remaining} unread bytes");
            return new Reply(header, body);
        }
    }

    /// <summary>Waits until the server closes the connection; true if it did within the bound.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        try
        {
            while (await ReadFrameAsync() is not null)
            {
            }

            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task SendFrameAsync(Action<JuteWriter> write) => await SendRawAsync(Frame(write));

    /// <summary>A length-prefixed frame, for tests that put several frames into one write.</summary>
    public static byte[] Frame(Action<JuteWriter> write)
    {
        var body = new ArrayBufferWriter<byte>();
        write(new JuteWriter(body));
        return [.. BitConverter.GetBytes(System.Net.IPAddress.HostToNetworkOrder(body.WrittenCount)), .. body.WrittenSpan];
    }

    /// <summary>The ReplyHeader at the start of a raw reply frame.</summary>
    public static ReplyHeader HeaderOf(byte[] frame)
    {
        var reader = new JuteReader(frame);
        return ReplyHeader.Read(ref reader);
    }

    public async Task SendRawAsync(byte[] bytes) => await _toServer.Writer.WriteAsync(bytes);

    public async Task CloseAsync() => await _toServer.Writer.CompleteAsync();

    /// <summary>Reads raw bytes until the server closes (for four-letter words).</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var all = new List<byte>();
        while (true)
        {
            var result = await _fromServer.Reader.ReadAsync().AsTask().WaitAsync(s_wait);
            all.AddRange(result.Buffer.ToArray());
            _fromServer.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                return [.. all];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _connection.WaitAsync(s_wait);
    }

    private async Task<byte[]?> ReadFrameAsync()
    {
        var input = _fromServer.Reader;
        while (true)
        {
            var result = await input.ReadAsync().AsTask().WaitAsync(s_wait);
            var buffer = result.Buffer;
            if (FrameReader.TryReadFrame(ref buffer, int.MaxValue, out var frame))
            {
                var bytes = frame.ToArray();
                input.AdvanceTo(buffer.Start);
                return bytes;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                return null;
        }
    }

    private sealed record Transport(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}

/// <summary>A decoded reply: header and, on success, the body.</summary>
internal sealed record Reply(ReplyHeader Header, IJuteWritable? Body)
{
    public ErrorCode Err => Header.Err;

    public T As<T>() => Assert.IsType<T>(Body);
}
