using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Net;

/// <summary>Accepts client sockets and runs a <see cref="ClientConnection"/> over each.</summary>
internal sealed class ClientListener : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly Engine _engine;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly ConcurrentDictionary<ClientConnection, Task> _connections = new();
    private readonly ServerStats? _stats;
    private readonly RequestThrottle _throttle;
    private Task _accepting = Task.CompletedTask;
    private int _live;

    /// <param name="stats">Counters for cons/stat/mntr; each connection is tracked there.</param>
    /// <param name="listening">The client port from <see cref="Listen"/>, if bound before recovery.</param>
    public ClientListener(ServerOptions options, Engine engine, ILogger logger, ServerStats? stats = null, Socket? listening = null)
    {
        _stats = stats;
        _options = options;
        _throttle = new RequestThrottle(options.GlobalOutstandingLimit);
        _engine = engine;
        _logger = logger;
        _socket = listening ?? Listen(options);
    }

    /// <summary>
    /// Binds the client port, without SO_REUSEPORT (which .NET's ReuseAddress turns on, letting a
    /// second server share the port), so a port in use fails here as in Java. Servers call it
    /// before recovery, so a second server on the same config never touches the data directory.
    /// </summary>
    public static Socket Listen(ServerOptions options)
    {
        var socket = new Socket(options.ClientPortAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (options.ClientPortAddress.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(new IPEndPoint(options.ClientPortAddress, options.ClientPort));
            socket.Listen(options.ListenBacklog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IPEndPoint Start()
    {
        _accepting = AcceptLoopAsync();
        return (IPEndPoint)_socket.LocalEndPoint!;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _accepting.ConfigureAwait(false);
        foreach (var connection in _connections.Keys)
            connection.Close();
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Serve(client);
        }
    }

    private void Serve(Socket client)
    {
        var address = ((IPEndPoint)client.RemoteEndPoint!).Address;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        // Java checks the total first (maxCnxns), then the address's share (maxClientCnxns).
        var live = Interlocked.Increment(ref _live);
        if (_options.MaxConnections > 0 && live > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _live);
            Refuse(client, address, $"too many connections (maxCnxns={_options.MaxConnections})");
            return;
        }

        var count = _perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (_options.MaxClientCnxns > 0 && count > _options.MaxClientCnxns)
        {
            Release(address);
            Refuse(client, address, $"too many connections from this address (maxClientCnxns={_options.MaxClientCnxns})");
            return;
        }

        client.NoDelay = true;
        if (_options.ClientTcpKeepAlive)
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        var stream = new NetworkStream(client, ownsSocket: true);
        var pipe = new DuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        var stats = _stats?.Track(new IPEndPoint(address, remote.Port).ToString());
        var connection = new ClientConnection(pipe, _engine, address.ToString(), _options, _logger, stats, _throttle);
        _connections[connection] = RunAsync(connection, address);
    }

    private async Task RunAsync(ClientConnection connection, IPAddress address)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Release(address);
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>
    /// Java's fastCloseSock, without a word (§9.2): the FIN of a shutdown, then the reset of a close
    /// with a zero linger, which drops whatever the client sent.
    /// </summary>
    private void Refuse(Socket client, IPAddress address, string reason)
    {
        Log.Refused(_logger, address.ToString(), reason);
        _stats?.Metrics.Counter("connection_rejected").Add(1);
        try
        {
            client.Shutdown(SocketShutdown.Both);
            client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // The client is gone already.
        }

        client.Dispose();
    }

    private void Release(IPAddress address)
    {
        _perAddress.AddOrUpdate(address, 0, (_, n) => n - 1);
        Interlocked.Decrement(ref _live);
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
