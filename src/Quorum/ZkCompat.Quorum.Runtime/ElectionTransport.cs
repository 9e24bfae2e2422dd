using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Runtime;

/// <summary>
/// Election connections (PROTOCOL.md §10.1): one per peer, the one the higher sid opened; each
/// new connection first carries the newest vote for that peer (Java re-sends its last message).
/// </summary>
internal sealed class ElectionTransport(QuorumConfig config, Socket listener, Action<long, Notification> received, ILogger logger) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Socket> _links = [];
    private readonly Dictionary<long, byte[]> _last = [];
    private readonly HashSet<long> _connecting = [];
    private readonly Dictionary<long, string> _addresses = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);

    private string MyAddress => $"{config.Me.Host}:{config.Me.ElectionPort}";

    public void Start() => _ = AcceptLoopAsync();

    /// <summary>A test control: while set, nothing is sent, dialled or accepted, and open links are dropped.</summary>
    public bool Isolated
    {
        get => _isolated;
        set
        {
            _isolated = value;
            if (!value)
                return;
            lock (_gate)
            {
                foreach (var socket in _links.Values)
                    socket.Close();
                _links.Clear();
            }
        }
    }

    private volatile bool _isolated;

    public void Send(long sid, Notification notification)
    {
        if (_isolated)
            return;
        var frame = ElectionFrame.Frame(notification.ToPayload());
        Socket? link;
        lock (_gate)
        {
            _last[sid] = frame;
            _links.TryGetValue(sid, out link);
        }

        if (link is not null)
            _ = WriteAsync(sid, link, frame);
        else
            _ = ConnectAsync(sid);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        listener.Close();
        lock (_gate)
        {
            foreach (var socket in _links.Values)
                socket.Close();
            _links.Clear();
        }
    }

    private async Task ConnectAsync(long sid)
    {
        var address = Address(sid);
        lock (_gate)
        {
            if (address is null || _links.ContainsKey(sid) || !_connecting.Add(sid))
                return;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        SetOptions(socket);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            // zookeeper.cnxTimeout bounds the connect only, as Java's Socket.connect(address, cnxTO); 0 = no bound.
            if (config.ElectionConnectTimeoutMs > 0)
                timeout.CancelAfter(config.ElectionConnectTimeoutMs);
            await socket.ConnectAsync(address.Value.Host, address.Value.Port, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(new ElectionHello(ElectionHello.ProtocolV1, config.MyId, MyAddress).ToBytes(), _stop.Token).ConfigureAwait(false);
            if (sid > config.MyId)
            {
                // Only the higher sid keeps a connection: it will dial us back (§10.1).
                socket.Close();
                return;
            }

            Adopt(sid, socket);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            socket.Close();
            if (!_stop.IsCancellationRequested)
            {
                var reason = e is OperationCanceledException ? $"connect timed out after {config.ElectionConnectTimeoutMs} ms" : e.Message;
                RuntimeLog.CannotOpenChannel(logger, sid, $"{address.Value.Host}:{address.Value.Port}", reason);
            }
        }
        finally
        {
            lock (_gate)
                _connecting.Remove(sid);
        }
    }

    /// <summary>Java's QuorumCnxManager.setSockOpts, on dialled and accepted election sockets alike.</summary>
    private void SetOptions(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, config.TcpKeepAlive);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            _ = HandshakeAsync(socket);
        }
    }

    private async Task HandshakeAsync(Socket socket)
    {
        if (_isolated)
        {
            socket.Close();
            return;
        }

        SetOptions(socket);
        var reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: true));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(config.TickTimeMs * Math.Max(1, config.SyncLimit));
            while (true)
            {
                var result = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (ElectionHello.TryRead(ref buffer, out var hello))
                {
                    reader.AdvanceTo(buffer.Start);
                    await OnHelloAsync(socket, reader, hello!).ConfigureAwait(false);
                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or ProtocolException)
        {
            RuntimeLog.ElectionLink(logger, -1, "bad handshake: " + e.Message);
        }

        socket.Close();
    }

    private async Task OnHelloAsync(Socket socket, PipeReader reader, ElectionHello hello)
    {
        var sid = hello.ServerId;
        if (hello.Address is { Length: > 0 } address)
        {
            lock (_gate)
                _addresses[sid] = address;
        }

        if (sid == config.MyId)
        {
            socket.Close();
            return;
        }

        if (sid < config.MyId)
        {
            // The lower sid dialled us: drop it and dial back, so our connection survives.
            socket.Close();
            await ConnectAsync(sid).ConfigureAwait(false);
            return;
        }

        Adopt(sid, socket);
        await ReadLoopAsync(sid, socket, reader).ConfigureAwait(false);
    }

    private void Adopt(long sid, Socket socket)
    {
        byte[]? last;
        lock (_gate)
        {
            if (_links.Remove(sid, out var old))
                old.Close();
            _links[sid] = socket;
            _last.TryGetValue(sid, out last);
        }

        RuntimeLog.ElectionLink(logger, sid, "connected");
        if (last is not null)
            _ = WriteAsync(sid, socket, last);
        if (sid < config.MyId)
            _ = ReadLoopAsync(sid, socket, PipeReader.Create(new NetworkStream(socket, ownsSocket: false)));
    }

    private async Task ReadLoopAsync(long sid, Socket socket, PipeReader reader)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (ElectionFrame.TryRead(ref buffer, out var payload))
                {
                    if (Notification.TryParse(payload.ToArray(), out var n))
                        received(sid, n!);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or ProtocolException or ObjectDisposedException)
        {
        }

        Forget(sid, socket);
    }

    private async Task WriteAsync(long sid, Socket socket, byte[] frame)
    {
        // One writer at a time, so two votes never interleave their bytes on a link.
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Forget(sid, socket);
        }
        finally
        {
            _sending.Release();
        }
    }

    private void Forget(long sid, Socket socket)
    {
        lock (_gate)
        {
            if (_links.TryGetValue(sid, out var current) && current == socket)
                _links.Remove(sid);
        }

        socket.Close();
    }

    private (string Host, int Port)? Address(long sid)
    {
        if (config.Members.FirstOrDefault(m => m.Sid == sid) is { } member)
            return (member.Host, member.ElectionPort);
        lock (_gate)
        {
            if (!_addresses.TryGetValue(sid, out var text))
                return null;
            var colon = text.LastIndexOf(':');
            return colon > 0 && int.TryParse(text.AsSpan(colon + 1), out var port) ? (text[..colon].Trim('[', ']'), port) : null;
        }
    }

    internal static Socket Bind(IPEndPoint endpoint)
    {
        // No ReuseAddress: in .NET it also sets SO_REUSEPORT, and a second member could share the port.
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(64);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
