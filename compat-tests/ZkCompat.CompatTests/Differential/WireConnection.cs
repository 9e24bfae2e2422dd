using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// One TCP connection to a client port. A pump task copies the socket into a <see cref="Pipe"/>, so
/// a read that runs out of time is cancelled on the pipe, never on the socket, and the connection
/// stays readable afterwards. Every read is bounded; nothing here sleeps.
/// </summary>
internal sealed class WireConnection : IAsyncDisposable
{
    /// <summary>Replies of up to ~1 MiB of data plus headers; Java itself never sends more than it accepts.</summary>
    private const int MaxFrameBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly Pipe _pipe = new();
    private readonly Task _pump;
    private bool _disposed;

    private WireConnection(Socket socket)
    {
        _socket = socket;
        _pump = PumpAsync();
    }

    public static async Task<WireConnection> OpenAsync(string host, int port, TimeSpan bound)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = new CancellationTokenSource(bound);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host), port), deadline.Token);
            return new WireConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends all bytes in one write; false when the peer has already gone.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes, TimeSpan bound)
    {
        try
        {
            using var deadline = new CancellationTokenSource(bound);
            var sent = 0;
            while (sent < bytes.Length)
                sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads one length-prefixed frame.</summary>
    public async Task<WireRead> ReadFrameAsync(TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        var reader = _pipe.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(deadline.Token);
                var buffer = result.Buffer;
                if (TryTakeFrame(ref buffer, out var frame, out var badLength))
                {
                    reader.AdvanceTo(buffer.Start);
                    return new WireRead(WireReadKind.Frame, frame);
                }

                if (badLength is { } length)
                {
                    reader.AdvanceTo(buffer.End);
                    return new WireRead(WireReadKind.BadLength, BitConverter.GetBytes(length));
                }

                if (result.IsCompleted)
                {
                    var leftover = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return new WireRead(WireReadKind.Closed, leftover);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            return new WireRead(WireReadKind.TimedOut, []);
        }
    }

    /// <summary>Reads raw bytes until the peer closes or <paramref name="bound"/> passes (four-letter words).</summary>
    public async Task<(byte[] Bytes, bool Closed)> ReadToEndAsync(TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        var reader = _pipe.Reader;
        var received = new List<byte>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(deadline.Token);
                received.AddRange(result.Buffer.ToArray());
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                    return ([.. received], true);
            }
        }
        catch (OperationCanceledException)
        {
            return ([.. received], false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        _socket.Dispose();
        await _pump;
    }

    private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out byte[] frame, out int? badLength)
    {
        frame = [];
        badLength = null;
        if (buffer.Length < 4)
            return false;
        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(head);
        var length = BinaryPrimitives.ReadInt32BigEndian(head);
        if (length is < 0 or > MaxFrameBytes)
        {
            badLength = length;
            return false;
        }

        if (buffer.Length - 4 < length)
            return false;
        frame = buffer.Slice(4, length).ToArray();
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private async Task PumpAsync()
    {
        var writer = _pipe.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(64 * 1024);
                var n = await _socket.ReceiveAsync(memory, SocketFlags.None);
                if (n == 0)
                    break;
                writer.Advance(n);
                var flushed = await writer.FlushAsync();
                if (flushed.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // A reset or our own dispose: either way the stream has ended.
        }

        await writer.CompleteAsync();
    }
}
