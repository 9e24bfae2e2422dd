using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZkCompat.CompatTests.Support;

/// <summary>A ReplyHeader (PROTOCOL.md §3.1): <c>int xid, long zxid, int err</c>.</summary>
internal readonly record struct ReplyHeader(int Xid, long Zxid, int Err)
{
    public const int Size = 16;

    public static ReplyHeader Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length < Size)
        {
            throw new InvalidDataException($"a ReplyHeader needs {Size} bytes, got {body.Length}: {Jute.Hex(body)}");
        }

        return new ReplyHeader(
            BinaryPrimitives.ReadInt32BigEndian(body),
            BinaryPrimitives.ReadInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadInt32BigEndian(body[12..]));
    }
}

/// <summary>What a read-until-closed saw: every byte that arrived, and whether the peer closed (FIN or RST) in time.</summary>
internal sealed record CloseObservation(byte[] Received, bool Closed, string How)
{
    public override string ToString() => $"{How} after {Received.Length} byte(s) [{Jute.Hex(Received)}]";
}

/// <summary>Big-endian jute encoding of the few records the raw tests send (PROTOCOL.md §1.2, §2.1, §3).</summary>
internal static class Jute
{
    public const int PingXid = -2;
    public const int PingOp = 11;

    /// <summary>Requested session timeout: inside the test servers' 2000..15000 ms window.</summary>
    public const int SessionTimeoutMs = 10_000;

    public static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary><c>int length</c> + payload.</summary>
    public static byte[] Frame(params byte[][] parts)
    {
        var body = Concat(parts);
        return Concat(Int(body.Length), body);
    }

    public static byte[] UString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return Concat(Int(bytes.Length), bytes);
    }

    public static byte[] RequestHeader(int xid, int op) => Concat(Int(xid), Int(op));

    /// <summary>A new-session ConnectRequest body, with or without the trailing readOnly byte of newer clients.</summary>
    public static byte[] ConnectRequest(bool withReadOnlyByte)
    {
        var body = Concat(
            Int(0), // protocolVersion
            Long(0), // lastZxidSeen
            Int(SessionTimeoutMs),
            Long(0), // sessionId: new session
            Int(16),
            new byte[16]); // passwd
        return withReadOnlyByte ? Concat(body, [0]) : body;
    }

    /// <summary>A reply frame carrying only a ReplyHeader.</summary>
    public static byte[] ReplyFrame(int xid, long zxid, int err) => Frame(Int(xid), Long(zxid), Int(err));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>
/// One raw TCP connection to a ZooKeeper client port. Every read is bounded by a deadline
/// (cancellation), so a server that neither answers nor closes fails the test instead of hanging it.
/// </summary>
internal sealed class RawZkClient : IDisposable
{
    /// <summary>How long a reply or a close may take. Java reacts in milliseconds; its sessionless-connection timeout is 10 s.</summary>
    public static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ServingPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Per handshake attempt while waiting for Java to serve (see <see cref="HandshakeWhenServingAsync"/>).</summary>
    private static readonly TimeSpan StartupAttemptBound = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private TimeSpan _readBound;

    private RawZkClient(Socket socket, TimeSpan readBound)
    {
        _socket = socket;
        _readBound = readBound;
    }

    /// <summary>Opens a TCP connection and sends nothing.</summary>
    public static async Task<RawZkClient> OpenAsync(string host, int port) => await OpenAsync(host, port, ReadBound);

    private static async Task<RawZkClient> OpenAsync(string host, int port, TimeSpan readBound)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = new CancellationTokenSource(readBound);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host), port), deadline.Token);
            return new RawZkClient(socket, readBound);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection and creates a session; returns the client and the ConnectResponse frame body.</summary>
    public static Task<(RawZkClient Client, byte[] ConnectResponse)> HandshakeAsync(string host, int port, bool withReadOnlyByte = true) =>
        HandshakeAsync(host, port, withReadOnlyByte, ReadBound);

    private static async Task<(RawZkClient Client, byte[] ConnectResponse)> HandshakeAsync(
        string host, int port, bool withReadOnlyByte, TimeSpan readBound)
    {
        var client = await OpenAsync(host, port, readBound);
        try
        {
            await client.SendAsync(Jute.Frame(Jute.ConnectRequest(withReadOnlyByte)));
            var response = await client.ReadFrameAsync();
            return (client, response);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Java's port accepts connections before the server serves; until then it closes every
    /// connection without a reply (PROTOCOL.md §2.2 rule 10), or, in a startup race (a
    /// NullPointerException on its null ZKDatabase), neither answers nor closes one. Polls the
    /// handshake with short attempts, bounded by <paramref name="timeout"/>, and returns the first
    /// client that got a ConnectResponse. That client's later reads use the normal <see cref="ReadBound"/>.
    /// </summary>
    public static async Task<RawZkClient> HandshakeWhenServingAsync(string host, int port, TimeSpan timeout, Func<bool>? gaveUp = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (gaveUp?.Invoke() == true)
                throw new OperationCanceledException("the server process exited");
            try
            {
                var (client, _) = await HandshakeAsync(host, port, withReadOnlyByte: true, StartupAttemptBound);
                client._readBound = ReadBound;
                return client;
            }
            catch (TimeoutException) when (clock.Elapsed < timeout)
            {
                // The attempt itself took StartupAttemptBound; try again at once.
            }
            catch (EndOfStreamException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(ServingPollInterval);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused && clock.Elapsed < timeout)
            {
                await Task.Delay(ServingPollInterval);
            }
        }
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var deadline = new CancellationTokenSource(_readBound);
        await _socket.SendAsync(bytes, SocketFlags.None, deadline.Token);
    }

    /// <summary>Reads one length-prefixed frame and returns its payload.</summary>
    public async Task<byte[]> ReadFrameAsync()
    {
        using var deadline = new CancellationTokenSource(_readBound);
        var length = new byte[4];
        await ReadExactlyAsync(length, deadline.Token);
        var size = BinaryPrimitives.ReadInt32BigEndian(length);
        if (size is < 0 or > 0x100000)
        {
            throw new InvalidDataException($"the server sent frame length {size} (0x{size:x8})");
        }

        var body = new byte[size];
        await ReadExactlyAsync(body, deadline.Token);
        return body;
    }

    /// <summary>Sends RequestHeader{-2, 11} and returns the ReplyHeader of the answer.</summary>
    public async Task<ReplyHeader> PingAsync()
    {
        await SendAsync(Jute.Frame(Jute.RequestHeader(Jute.PingXid, Jute.PingOp)));
        var reply = await ReadFrameAsync();
        if (reply.Length != ReplyHeader.Size)
        {
            throw new InvalidDataException($"a ping reply is a bare ReplyHeader, got {reply.Length} bytes: {Jute.Hex(reply)}");
        }

        return ReplyHeader.Parse(reply);
    }

    /// <summary>
    /// Reads whatever arrives until the peer closes (0 bytes or a reset) or <see cref="ReadBound"/> passes.
    /// </summary>
    public async Task<CloseObservation> ReadUntilClosedAsync()
    {
        using var deadline = new CancellationTokenSource(_readBound);
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (n == 0)
                {
                    return new CloseObservation([.. received], Closed: true, "closed (FIN)");
                }

                received.AddRange(buffer.AsSpan(0, n));
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return new CloseObservation([.. received], Closed: true, "closed (reset)");
        }
        catch (OperationCanceledException)
        {
            return new CloseObservation([.. received], Closed: false, $"still open after {_readBound.TotalSeconds}s");
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReadExactlyAsync(Memory<byte> target, CancellationToken token)
    {
        var filled = 0;
        try
        {
            while (filled < target.Length)
            {
                var n = await _socket.ReceiveAsync(target[filled..], SocketFlags.None, token);
                if (n == 0)
                {
                    throw new EndOfStreamException(
                        $"the server closed the connection after {filled} of {target.Length} expected bytes");
                }

                filled += n;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"no complete reply within {_readBound.TotalSeconds}s ({filled} of {target.Length} bytes arrived)");
        }
    }
}
